import type { Sql } from '../../db/client.ts';
import { kpiDaily } from '../../db/queries/kpi-daily.ts';
import type { Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type { KpiDaily, KpiDailyQuery } from '../contracts/kpi-report.contract.ts';
import { forbidden } from '../errors.ts';
import { cityDate, cityDayStarts, startOfCityDay } from './city-day.ts';

/**
 * A period's trend for a manager's chart: appeals received and resolved on each of the city's days,
 * every day up to now listed (zeros included, so a quiet day shows as one), days still to come left
 * out. The same period and defaults as the report; agency staff are refused as there.
 */
export async function buildKpiDaily(
  db: Sql,
  clock: Clock,
  cityTimeZone: string,
  viewer: Viewer,
  q: KpiDailyQuery,
): Promise<KpiDaily> {
  if (viewer.role === 'agency')
    throw forbidden('Reports compare agencies; agency staff see their queue instead.');
  const now = clock();
  const from = q.from ? new Date(q.from) : startOfCityDay(now, cityTimeZone);
  const to = q.to ? new Date(q.to) : new Date(now.getTime() + 1);
  // What has not happened yet is not a day of zeros.
  const until = new Date(Math.min(to.getTime(), now.getTime() + 1));
  const starts = cityDayStarts(from, until, cityTimeZone);
  const rows = new Map((await kpiDaily(db, starts, until)).map((r) => [r.day, r]));
  const days = starts.map((start, i) => ({
    date: cityDate(start, cityTimeZone),
    from: start.toISOString(),
    received: rows.get(i + 1)?.received ?? 0,
    resolved: rows.get(i + 1)?.resolved ?? 0,
  }));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    days,
    totals: {
      received: days.reduce((n, d) => n + d.received, 0),
      resolved: days.reduce((n, d) => n + d.resolved, 0),
    },
  };
}
