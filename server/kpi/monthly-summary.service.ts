import type { Sql } from '../../db/client.ts';
import { kpiReport } from '../../db/queries/kpi-report.ts';
import type { Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type { MonthlySummary } from '../contracts/kpi-report.contract.ts';
import { forbidden } from '../errors.ts';
import { startOfCityDay } from './city-day.ts';
import { toReportLine } from './kpi-report.service.ts';

/** Midnight in the city on the first of `month` (1-12) of `year`. */
function startOfCityMonth(year: number, month: number, timeZone: string): Date {
  // Noon UTC on the 1st is the 1st in every zone from UTC−11 to UTC+11.
  return startOfCityDay(new Date(Date.UTC(year, month - 1, 1, 12)), timeZone);
}

/**
 * A month's summary a manager can print, from the KPI module: appeals received, processed share,
 * first-contact share, deadlines met, the top topics, the channels, and the change against the same
 * month a year before. The current month counts up to now.
 */
export async function buildMonthlySummary(
  db: Sql,
  clock: Clock,
  cityTimeZone: string,
  viewer: Viewer,
  month: string,
): Promise<MonthlySummary> {
  if (viewer.role === 'agency')
    throw forbidden('Reports compare agencies; agency staff see their queue instead.');
  const now = clock();
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const from = startOfCityMonth(year, mon, cityTimeZone);
  const end = startOfCityMonth(mon === 12 ? year + 1 : year, mon === 12 ? 1 : mon + 1, cityTimeZone);
  const to = end.getTime() > now.getTime() ? new Date(now.getTime() + 1) : end;
  const yearAgo = (d: Date) =>
    startOfCityMonth(year - 1, mon, cityTimeZone).getTime() + (d.getTime() - from.getTime());
  const [all, categories, channels, lastYear] = await Promise.all([
    kpiReport(db, from, to, now, 'all'),
    kpiReport(db, from, to, now, 'category'),
    kpiReport(db, from, to, now, 'channel'),
    kpiReport(db, new Date(yearAgo(from)), new Date(yearAgo(to)), now, 'all'),
  ]);
  const line = all[0] ? toReportLine(all[0]) : null;
  const before = lastYear[0] ? toReportLine(lastYear[0]) : null;
  const received = line?.received ?? 0;
  return {
    month,
    from: from.toISOString(),
    to: to.toISOString(),
    received,
    processedRate: line?.processedRate ?? null,
    firstContactRate: line?.firstContactRate ?? null,
    ackCompliance: line?.ackCompliance ?? null,
    resolveCompliance: line?.resolveCompliance ?? null,
    resolveMinutesP50: line?.resolveMinutesP50 ?? null,
    topCategories: categories
      .filter((r) => r.key !== null)
      .slice(0, 5)
      .map((r) => ({
        categoryId: r.key!,
        received: r.received,
        share: received ? r.received / received : 0,
      })),
    byChannel: Object.fromEntries(channels.map((r) => [r.key ?? 'unknown', r.received])),
    lastYear: before
      ? {
          received: before.received,
          processedRate: before.processedRate,
          firstContactRate: before.firstContactRate,
        }
      : null,
    receivedChange: before && before.received > 0 ? received / before.received - 1 : null,
  };
}
