import type { KpiReport, KpiReportLine } from '#contracts/kpi-report.contract.ts';

/** The breakdowns a manager picks (the API's whole-city `all` is the table's total row instead). */
export const REPORT_GROUPS = [
  'agency',
  'category',
  'district',
  'channel',
] as const satisfies readonly KpiReport['groupBy'][];
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** How a column's figures read: a count, a rate 0..1, or minutes. */
export type ColumnKind = 'name' | 'count' | 'rate' | 'minutes';

/** The table's columns in order: the line's field, and how its figures read. */
export const REPORT_COLUMNS = [
  { key: 'key', kind: 'name' },
  { key: 'received', kind: 'count' },
  { key: 'processed', kind: 'count' },
  { key: 'processedRate', kind: 'rate' },
  { key: 'firstContactRate', kind: 'rate' },
  { key: 'ackCompliance', kind: 'rate' },
  { key: 'resolveCompliance', kind: 'rate' },
  { key: 'overdueNow', kind: 'count' },
  { key: 'openNow', kind: 'count' },
  { key: 'resolveMinutesP50', kind: 'minutes' },
] as const satisfies readonly { key: keyof KpiReportLine; kind: ColumnKind }[];
export type SortKey = (typeof REPORT_COLUMNS)[number]['key'];
export type SortDirection = 'asc' | 'desc';

/** Whether `value` names a sortable column (for the URL). */
export const isSortKey = (value: unknown): value is SortKey => REPORT_COLUMNS.some((c) => c.key === value);

/** Which way a column sorts first when its header is clicked: names A to Z, figures largest first. */
export const firstDirection = (key: SortKey): SortDirection => (key === 'key' ? 'asc' : 'desc');

/**
 * The lines sorted by a column: names in the language's order, figures by value; lines without a
 * figure (a rate with nothing to measure) come last whichever way, ties by name.
 */
export function sortLines(
  lines: readonly KpiReportLine[],
  key: SortKey,
  direction: SortDirection,
  nameOf: (key: string | null) => string,
  locale: string,
): KpiReportLine[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: KpiReportLine, b: KpiReportLine) => nameOf(a.key).localeCompare(nameOf(b.key), locale);
  return [...lines].sort((a, b) => {
    if (key === 'key') return sign * byName(a, b);
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : sign * (x - y);
  });
}
