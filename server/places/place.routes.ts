import { Router } from 'express';
import type { Sql } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { PlaceQuery } from '../contracts/place.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import { rateLimit } from '../public/rate-limit.ts';
import { SharedTokenBuckets } from '../public/rate-limit-buckets.ts';
import { PlaceService } from './place.service.ts';

/**
 * Address searches one resident may send a minute (counted in the database, like the report limit):
 * a form asks as the address is typed (debounced), so several addresses a minute fit; a script
 * walking the gazetteer does not.
 */
export const PUBLIC_PLACE_SEARCHES_PER_MINUTE = 120;
const MINUTE_MS = 60_000;

/**
 * GET /api/places (staff) and GET /api/public/places (the residents' form, no login, rate-limited
 * per address): one router, mounted after the session is read, so both paths are one mount.
 */
export function placeRoutes(deps: { db: Sql; clock: Clock }): Router {
  const places = new PlaceService(deps);
  const buckets = new SharedTokenBuckets(deps, 'public-places', {
    capacity: PUBLIC_PLACE_SEARCHES_PER_MINUTE,
    periodMs: MINUTE_MS,
  });
  const router = Router();
  router.get('/places', async (req, res) => {
    res.json(await places.searchAsStaff(requireUser(req), parse(PlaceQuery, req.query)));
  });
  router.get('/public/places', rateLimit(buckets, 'address searches'), async (req, res) => {
    const q = parse(PlaceQuery, req.query);
    res.json(await places.search(q.q, q.limit));
  });
  return router;
}
