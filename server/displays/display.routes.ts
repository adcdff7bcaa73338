import { Router } from 'express';
import { z } from 'zod';
import { CreateDisplayToken } from '../contracts/display.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import type { DisplayService } from './display.service.ts';

const TokenId = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(2_147_483_647, 'is too large'),
});

/** /api/display-tokens: administrators issue and revoke wall screens' tokens. */
export function displayTokenRoutes(displays: DisplayService, publicUrl: string | null): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await displays.list(requireUser(req)));
  });
  router.post('/', async (req, res) => {
    const user = requireUser(req);
    const origin = publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    res.status(201).json(await displays.issue(user, parse(CreateDisplayToken, req.body), origin));
  });
  router.delete('/:id', async (req, res) => {
    res.json(await displays.revoke(requireUser(req), parse(TokenId, req.params).id));
  });
  return router;
}
