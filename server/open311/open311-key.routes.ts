import { Router } from 'express';
import type { Sql } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import { CreateOpen311Key, Open311KeyId } from './open311-key.contract.ts';
import { Open311KeyService } from './open311-key.service.ts';

/** /api/open311-keys: administrators issue, list and revoke Open311 API keys. */
export function open311KeyRoutes(deps: { db: Sql; clock: Clock; config: Config }): Router {
  const keys = new Open311KeyService(deps.db, deps.clock, deps.config.open311ApiKeys);
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ items: await keys.list(requireUser(req)) });
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await keys.issue(requireUser(req), parse(CreateOpen311Key, req.body)));
  });
  router.delete('/:id', async (req, res) => {
    res.json(await keys.revoke(requireUser(req), parse(Open311KeyId, req.params).id));
  });
  return router;
}
