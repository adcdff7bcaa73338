import { PERIOD_PRESETS, type PeriodPreset } from './report-period.ts';
import {
  firstDirection,
  isSortKey,
  REPORT_GROUPS,
  type ReportGroup,
  type SortDirection,
  type SortKey,
} from './report-table.ts';

/** Everything a report on screen depends on: kept in the URL, so a link opens the same report. */
export interface ReportState {
  period: PeriodPreset;
  /** The custom period's first and last day (YYYY-MM-DD); null for the presets. */
  from: string | null;
  to: string | null;
  groupBy: ReportGroup;
  sort: SortKey;
  dir: SortDirection;
}

/** What /reports shows without a query: the last week by agency, busiest first. */
export const DEFAULT_REPORT_STATE: Readonly<ReportState> = {
  period: 'last7',
  from: null,
  to: null,
  groupBy: 'agency',
  sort: 'received',
  dir: 'desc',
};

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((item) => item === value);

/**
 * The report a URL's query names. Anything unknown falls back to the default, so an old or
 * hand-edited link still opens a report; days alone (no `period`) mean a custom period.
 */
export function readReportState(params: Pick<URLSearchParams, 'get'>): ReportState {
  const from = params.get('from');
  const to = params.get('to');
  const period =
    oneOf(PERIOD_PRESETS, params.get('period')) ??
    (from !== null || to !== null ? 'custom' : DEFAULT_REPORT_STATE.period);
  const sortParam = params.get('sort');
  const sort = isSortKey(sortParam) ? sortParam : DEFAULT_REPORT_STATE.sort;
  return {
    period,
    // A day that is not a date is kept, so the picker shows what was asked and says what is wrong.
    from: period === 'custom' ? from : null,
    to: period === 'custom' ? to : null,
    groupBy: oneOf(REPORT_GROUPS, params.get('groupBy')) ?? DEFAULT_REPORT_STATE.groupBy,
    sort,
    dir:
      oneOf(['asc', 'desc'] as const, params.get('dir')) ??
      (isSortKey(sortParam) ? firstDirection(sort) : DEFAULT_REPORT_STATE.dir),
  };
}

/** The query string for a report, defaults left out ("" for the default report). */
export function reportSearch(state: ReportState): string {
  const params = new URLSearchParams();
  if (state.period !== DEFAULT_REPORT_STATE.period) params.set('period', state.period);
  if (state.period === 'custom') {
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
  }
  if (state.groupBy !== DEFAULT_REPORT_STATE.groupBy) params.set('groupBy', state.groupBy);
  if (state.sort !== DEFAULT_REPORT_STATE.sort || state.dir !== DEFAULT_REPORT_STATE.dir) {
    params.set('sort', state.sort);
    params.set('dir', state.dir);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The CSV export of the same report: GET /api/kpis/report.csv for the period and breakdown. */
export function csvHref(period: { from: string; to: string }, groupBy: ReportGroup): string {
  return `/api/kpis/report.csv?${new URLSearchParams({ from: period.from, to: period.to, groupBy }).toString()}`;
}
