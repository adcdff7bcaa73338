import { Router } from 'express';
import type { Sql } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { MapSnapshotQuery } from '../contracts/map.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import { encodedMapSnapshot } from './map.service.ts';
import { SnapshotCache } from './snapshot-cache.ts';

/** The wall map's data: every open ticket of a view, lean. */
export function mapRoutes(db: Sql, clock: Clock): Router {
  const router = Router();
  const cache = new SnapshotCache();
  router.get('/open-tickets', async (req, res) => {
    const viewer = requireUser(req);
    const query = parse(MapSnapshotQuery, req.query);
    const body = await encodedMapSnapshot(db, clock, cache, viewer, query);
    res.type(query.format === 'binary' ? 'application/octet-stream' : 'json').send(body);
  });
  return router;
}
