import type { Sql } from '../../db/client.ts';
import { kpiReport } from '../../db/queries/kpi-report.ts';
import type { Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type { KpiReportLine, MonthComparison, MonthlySummary } from '../contracts/kpi-report.contract.ts';
import { forbidden } from '../errors.ts';
import type { KpiSettings } from './kpi.service.ts';
import { toReportLine } from './kpi-report.service.ts';
import {
  comparablePeriod,
  parseYearMonth,
  previousMonth,
  reportedMonth,
  sameMonthLastYear,
  type Period,
} from './month-period.ts';

/** What a monthly summary depends on: the city's calendar and the targets it is read against. */
export type MonthlySettings = Pick<
  KpiSettings,
  'cityTimeZone' | 'firstContactTarget' | 'processedTarget' | 'slaTarget'
>;

/** The month's received against an earlier stretch's figures; null when that stretch had no appeals. */
function comparison(period: Period, line: KpiReportLine | null, received: number): MonthComparison | null {
  if (!line) return null;
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    received: line.received,
    processedRate: line.processedRate,
    firstContactRate: line.firstContactRate,
    ackCompliance: line.ackCompliance,
    resolveCompliance: line.resolveCompliance,
    receivedChange: line.received > 0 ? received / line.received - 1 : null,
  };
}

/**
 * A month's summary a manager can print, from the KPI module: appeals received, processed share,
 * first-contact share against its target, deadlines met, the top topics, the channels, every
 * agency, and the change against the month before and the same month a year before. The current
 * month counts up to now and is compared with the same stretch of the earlier months.
 */
export async function buildMonthlySummary(
  db: Sql,
  clock: Clock,
  settings: MonthlySettings,
  viewer: Viewer,
  month: string,
): Promise<MonthlySummary> {
  if (viewer.role === 'agency')
    throw forbidden('Reports compare agencies; agency staff see their queue instead.');
  const now = clock();
  const zone = settings.cityTimeZone;
  const reported = parseYearMonth(month);
  const period = reportedMonth(reported, now, zone);
  const { from, to } = period;
  const before = comparablePeriod(previousMonth(reported), period, zone);
  const yearAgo = comparablePeriod(sameMonthLastYear(reported), period, zone);
  const [all, categories, channels, agencies, previous, lastYear] = await Promise.all([
    kpiReport(db, from, to, now, 'all'),
    kpiReport(db, from, to, now, 'category'),
    kpiReport(db, from, to, now, 'channel'),
    kpiReport(db, from, to, now, 'agency'),
    kpiReport(db, before.from, before.to, now, 'all'),
    kpiReport(db, yearAgo.from, yearAgo.to, now, 'all'),
  ]);
  const line = all[0] ? toReportLine(all[0]) : null;
  const previousLine = previous[0] ? toReportLine(previous[0]) : null;
  const lastYearLine = lastYear[0] ? toReportLine(lastYear[0]) : null;
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
    lastYear: lastYearLine
      ? {
          received: lastYearLine.received,
          processedRate: lastYearLine.processedRate,
          firstContactRate: lastYearLine.firstContactRate,
        }
      : null,
    receivedChange: lastYearLine && lastYearLine.received > 0 ? received / lastYearLine.received - 1 : null,
    complete: period.complete,
    targets: {
      firstContact: settings.firstContactTarget,
      processed: settings.processedTarget,
      sla: settings.slaTarget,
    },
    previousMonth: comparison(before, previousLine, received),
    sameMonthLastYear: comparison(yearAgo, lastYearLine, received),
    byAgency: agencies.map(toReportLine),
  };
}
