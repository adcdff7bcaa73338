import { Router } from 'express';
import type { Sql } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { KpiTrendQuery } from '../contracts/kpi-trend.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import { kpiTrend } from './kpi-sampler.ts';

/** GET /api/kpis/trend: the wall's figures minute by minute, for the tiles' sparklines. */
export function kpiTrendRoutes(db: Sql, clock: Clock): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    requireUser(req);
    const { minutes } = parse(KpiTrendQuery, req.query);
    res.json(await kpiTrend(db, clock, minutes));
  });
  return router;
}
