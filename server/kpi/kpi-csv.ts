import type { KpiReport, KpiReportLine } from '../contracts/kpi-report.contract.ts';

/** The report's columns in order, with their CSV headers. */
const COLUMNS: readonly (keyof KpiReportLine)[] = [
  'key',
  'received',
  'processed',
  'processedRate',
  'firstContact',
  'firstContactRate',
  'ackCompliance',
  'resolveCompliance',
  'overdueNow',
  'openNow',
  'misrouteRate',
  'reopenRate',
  'acceptMinutesP50',
  'acceptMinutesP90',
  'resolveMinutesP50',
  'resolveMinutesP90',
];

/** A CSV field: quoted when it holds a separator, a quote or a line break; formulas defused. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A spreadsheet would run a leading = + - @ as a formula (CSV injection); numbers are safe as they are.
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as CSV (RFC 4180, CRLF line ends), one line per group after a header, with the period
 * in the first two columns so a sheet of several exports stays readable. Rates are 0..1.
 */
export function kpiReportCsv(report: Pick<KpiReport, 'from' | 'to' | 'groupBy' | 'lines'>): string {
  const header = ['from', 'to', report.groupBy === 'all' ? 'group' : report.groupBy, ...COLUMNS.slice(1)];
  const lines = report.lines.map((line) =>
    [
      report.from,
      report.to,
      line.key ?? (report.groupBy === 'all' ? 'all' : ''),
      ...COLUMNS.slice(1).map((c) => line[c]),
    ]
      .map(field)
      .join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
