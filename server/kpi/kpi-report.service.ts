import type { Sql } from '../../db/client.ts';
import { kpiReport, type KpiReportRow } from '../../db/queries/kpi-report.ts';
import type { Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type { KpiReport, KpiReportLine, KpiReportQuery } from '../contracts/kpi-report.contract.ts';
import { forbidden } from '../errors.ts';
import { startOfCityDay } from './city-day.ts';

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

/** Turns the counts of one report row into the figures people read. */
export function toReportLine(r: KpiReportRow): KpiReportLine {
  return {
    key: r.key,
    received: r.received,
    processed: r.processed,
    processedRate: rate(r.processed, r.received),
    firstContact: r.first_contact,
    firstContactRate: rate(r.first_contact, r.received),
    ackCompliance: rate(r.ack_met, r.ack_met + r.ack_breached),
    resolveCompliance: rate(r.resolve_met, r.resolve_met + r.resolve_breached),
    overdueNow: r.overdue_now,
    openNow: r.open_now,
    misrouteRate: rate(r.misrouted, r.ever_assigned),
    reopenRate: rate(r.reopened, r.ever_resolved),
    acceptMinutesP50: minutes(r.accept_p50_s),
    acceptMinutesP90: minutes(r.accept_p90_s),
    resolveMinutesP50: minutes(r.resolve_p50_s),
    resolveMinutesP90: minutes(r.resolve_p90_s),
  };
}

/** The counts of a period with no appeals: zeros, and no rate or duration to speak of. */
export const EMPTY_REPORT_ROW: Readonly<KpiReportRow> = {
  key: null,
  received: 0,
  processed: 0,
  first_contact: 0,
  ack_met: 0,
  ack_breached: 0,
  resolve_met: 0,
  resolve_breached: 0,
  overdue_now: 0,
  open_now: 0,
  ever_assigned: 0,
  misrouted: 0,
  ever_resolved: 0,
  reopened: 0,
  accept_p50_s: null,
  accept_p90_s: null,
  resolve_p50_s: null,
  resolve_p90_s: null,
};

/**
 * The centre's figures for a period, from the event log, whole-city or by agency, category,
 * district or channel, with the whole period's line as its total (rates and percentiles cannot be
 * added up from the lines, so the total is measured, not summed). Agency staff are refused: a
 * report compares agencies.
 */
export async function buildKpiReport(
  db: Sql,
  clock: Clock,
  cityTimeZone: string,
  viewer: Viewer,
  q: KpiReportQuery,
): Promise<KpiReport> {
  if (viewer.role === 'agency')
    throw forbidden('Reports compare agencies; agency staff see their queue instead.');
  const now = clock();
  const from = q.from ? new Date(q.from) : startOfCityDay(now, cityTimeZone);
  // "So far" includes what happened at this very moment (the period is half-open).
  const to = q.to ? new Date(q.to) : new Date(now.getTime() + 1);
  const [rows, whole] = await Promise.all([
    kpiReport(db, from, to, now, q.groupBy),
    q.groupBy === 'all' ? null : kpiReport(db, from, to, now, 'all'),
  ]);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    groupBy: q.groupBy,
    lines: rows.map(toReportLine),
    total: toReportLine((whole ?? rows)[0] ?? EMPTY_REPORT_ROW),
  };
}
