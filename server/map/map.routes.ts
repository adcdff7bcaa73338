import { Router } from 'express';
import type { Sql } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { MapSnapshotQuery } from '../contracts/map.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import { buildMapSnapshot } from './map.service.ts';

/** The wall map's data: every open ticket of a view, lean. */
export function mapRoutes(db: Sql, clock: Clock): Router {
  const router = Router();
  router.get('/open-tickets', async (req, res) => {
    const viewer = requireUser(req);
    res.json(await buildMapSnapshot(db, clock, viewer, parse(MapSnapshotQuery, req.query)));
  });
  return router;
}
