import { Router } from 'express';
import { z } from 'zod';
import { AlertListQuery } from '../contracts/alert.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import type { AlertService } from './alert.service.ts';

const AlertId = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(2_147_483_647, 'is too large'),
});

/** /api/alerts: thin delegates to the alert service. */
export function alertRoutes(alerts: AlertService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await alerts.list(requireUser(req), parse(AlertListQuery, req.query)));
  });
  router.post('/:id/acknowledge', async (req, res) => {
    res.json(await alerts.acknowledge(requireUser(req), parse(AlertId, req.params).id));
  });
  return router;
}
