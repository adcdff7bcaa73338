import { Router } from 'express';
import type { Sql } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { PublicSettings } from '../contracts/settings.contract.ts';
import type { WallFigures } from '../kpi/wall-figures.ts';
import { requireUser } from '../http/request-user.ts';
import { buildKpiDaily } from '../kpi/kpi-daily.service.ts';
import { buildKpiReport } from '../kpi/kpi-report.service.ts';
import { KpiDailyQuery, KpiReportQuery, MonthlySummaryQuery } from '../contracts/kpi-report.contract.ts';
import { buildMonthlySummary } from '../kpi/monthly-summary.service.ts';
import { forbidden, parse } from '../errors.ts';
import { kpiReportCsv } from '../kpi/kpi-csv.ts';
import { loadReferenceData } from './reference.service.ts';

/** Read-only data every console loads once: reference data, display settings and current KPIs. */
export function referenceRoutes(db: Sql, config: Config, clock: Clock, figures: WallFigures): Router {
  const router = Router();
  router.get('/reference', async (req, res) => {
    requireUser(req);
    res.json(await loadReferenceData(db));
  });
  router.get('/settings', (_req, res) => {
    const settings: PublicSettings = {
      tileUrl: config.tileUrl,
      tileAttribution: config.tileAttribution,
      cityTimeZone: config.cityTimeZone,
      firstContactTarget: config.firstContactTarget,
    };
    res.json(settings);
  });
  // The same report as a spreadsheet: the file name says which period and breakdown it is.
  router.get('/kpis/report.csv', async (req, res) => {
    const viewer = requireUser(req);
    const report = await buildKpiReport(
      db,
      clock,
      config.cityTimeZone,
      viewer,
      parse(KpiReportQuery, req.query),
    );
    const name = `komek-kpis-${report.groupBy}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`;
    res
      .type('text/csv; charset=utf-8')
      .attachment(name)
      .send(`\ufeff${kpiReportCsv(report)}`);
  });
  router.get('/kpis/monthly', async (req, res) => {
    const viewer = requireUser(req);
    const { month } = parse(MonthlySummaryQuery, req.query);
    res.json(await buildMonthlySummary(db, clock, config, viewer, month));
  });
  router.get('/kpis/report', async (req, res) => {
    const viewer = requireUser(req);
    res.json(await buildKpiReport(db, clock, config.cityTimeZone, viewer, parse(KpiReportQuery, req.query)));
  });
  router.get('/kpis/daily', async (req, res) => {
    const viewer = requireUser(req);
    res.json(await buildKpiDaily(db, clock, config.cityTimeZone, viewer, parse(KpiDailyQuery, req.query)));
  });
  router.get('/kpis/agencies', async (req, res) => {
    const viewer = requireUser(req);
    if (viewer.role === 'agency')
      throw forbidden('The agency board compares agencies; agency staff see their queue.');
    res.json(await figures.agencyBoard.current());
  });
  router.get('/kpis', async (req, res) => {
    requireUser(req);
    res.json(await figures.kpis.current());
  });
  return router;
}
