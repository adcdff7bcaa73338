import type { KpiDaily, KpiReport } from '#contracts/kpi-report.contract.ts';
import { api } from '../api.ts';
import type { ReportPeriod } from './report-period.ts';
import type { ReportGroup } from './report-table.ts';

/** Everything /reports shows for a period and breakdown, as the API computed it. */
export interface ReportFigures {
  /** The breakdown the figures are by (the URL may already ask for another while they load). */
  groupBy: ReportGroup;
  /** The period by the chosen breakdown, with its total. */
  report: KpiReport;
  /** The same period by channel (the doughnut), the report itself when that is the breakdown. */
  channels: KpiReport;
  /** Received and resolved per day (the trend). */
  daily: KpiDaily;
}

/** Fetches a report's three views of one period at once. */
export async function fetchReportFigures(period: ReportPeriod, groupBy: ReportGroup): Promise<ReportFigures> {
  const range = { from: period.from, to: period.to };
  const [report, channels, daily] = await Promise.all([
    api.kpiReport({ ...range, groupBy }),
    groupBy === 'channel' ? null : api.kpiReport({ ...range, groupBy: 'channel' }),
    api.kpiDaily(range),
  ]);
  return { groupBy, report, channels: channels ?? report, daily };
}

/** Whether the period had no appeals at all: nothing came in and nothing was resolved. */
export const isEmptyReport = (figures: ReportFigures): boolean =>
  figures.report.total.received === 0 && figures.daily.totals.resolved === 0;
