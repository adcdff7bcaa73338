import { expect } from 'vitest';
import type { Sql } from '../../db/client.ts';
import type { KpiGroup } from '../../db/queries/kpi-report.ts';
import type { KpiReportLine } from '../../server/contracts/kpi-report.contract.ts';
import { toReportLine } from '../../server/kpi/kpi-report.service.ts';

// The KPI report recomputed the slow, obvious way, ticket by ticket, from the same rows the report's
// one SQL statement reads: suites compare GET /api/kpis/report with it.

/** The ticket columns the recount reads. */
export interface KpiTicketRow {
  id: number;
  state: string;
  agency_id: string | null;
  category_id: string;
  district_id: string | null;
  channel: string;
  registered_at: Date;
  resolve_due_at: Date | null;
}

/** The event columns the recount reads. */
export interface KpiEventRow {
  ticket_id: number;
  type: string;
  created_at: Date;
  payload: Record<string, unknown>;
}

/** The tickets created in [from, to) and all their events, oldest first: what a report for that period covers. */
export async function loadKpiRows(
  db: Sql,
  from: Date,
  to: Date,
): Promise<{ tickets: KpiTicketRow[]; events: KpiEventRow[] }> {
  const tickets = await db.query<KpiTicketRow>(
    'select t.* from tickets t where t.created_at >= $1 and t.created_at < $2',
    [from, to],
  );
  const events = await db.query<KpiEventRow>(
    `select e.ticket_id, e.type, e.created_at, e.payload from ticket_events e
     where e.ticket_id in (select id from tickets where created_at >= $1 and created_at < $2)
     order by e.seq`,
    [from, to],
  );
  return { tickets, events };
}

const FINAL = ['closed', 'closed_first_contact', 'cancelled'];
const percentile = (values: number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (rank - low);
};

/** The report recomputed ticket by ticket from `tickets` and their `events`, as of `now`. */
export function recountKpis(
  tickets: KpiTicketRow[],
  events: KpiEventRow[],
  group: KpiGroup,
  now: Date,
): KpiReportLine[] {
  const keyOf = (t: KpiTicketRow) =>
    ({
      all: null,
      agency: t.agency_id,
      category: t.category_id,
      district: t.district_id,
      channel: t.channel,
    })[group];
  const lines = new Map<string | null, KpiTicketRow[]>();
  for (const t of tickets) lines.set(keyOf(t), [...(lines.get(keyOf(t)) ?? []), t]);
  return [...lines.entries()].map(([key, rows]) => {
    const counts = {
      ack_met: 0,
      ack_breached: 0,
      resolve_met: 0,
      resolve_breached: 0,
      misrouted: 0,
      reopened: 0,
    };
    const accept: number[] = [];
    const resolve: number[] = [];
    let everAssigned = 0;
    let everResolved = 0;
    for (const t of rows) {
      const mine = events.filter((e) => e.ticket_id === t.id);
      const first = (types: string[]) => {
        const times = mine.filter((e) => types.includes(e.type)).map((e) => e.created_at.getTime());
        return times.length ? Math.min(...times) : null;
      };
      const assigned = first(['ticket.assign']);
      const firstAssign = mine
        .filter((e) => e.type === 'ticket.assign')
        .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())[0];
      const acknowledged = first(['ticket.accept', 'ticket.start']);
      const resolved = first(['ticket.resolve']);
      const ackDueText = firstAssign?.payload.ackDueAt;
      const ackDue = typeof ackDueText === 'string' ? Date.parse(ackDueText) : null;
      if (assigned !== null) everAssigned++;
      if (ackDue !== null && acknowledged !== null && acknowledged <= ackDue) counts.ack_met++;
      if (
        ackDue !== null &&
        ((acknowledged === null && now.getTime() > ackDue) ||
          (acknowledged !== null && acknowledged > ackDue))
      )
        counts.ack_breached++;
      const due = t.resolve_due_at?.getTime() ?? null;
      if (resolved !== null) everResolved++;
      if (resolved !== null && due !== null && resolved <= due) counts.resolve_met++;
      if (
        due !== null &&
        ((resolved !== null && resolved > due) ||
          (resolved === null && ![...FINAL, 'on_hold'].includes(t.state) && due < now.getTime()))
      )
        counts.resolve_breached++;
      if (mine.some((e) => e.type === 'ticket.reject')) counts.misrouted++;
      if (mine.some((e) => e.type === 'ticket.reopen')) counts.reopened++;
      if (acknowledged !== null) accept.push((acknowledged - t.registered_at.getTime()) / 1000);
      if (resolved !== null) resolve.push((resolved - t.registered_at.getTime()) / 1000);
    }
    return toReportLine({
      key,
      received: rows.length,
      processed: rows.filter((t) => FINAL.includes(t.state)).length,
      first_contact: rows.filter((t) => t.state === 'closed_first_contact').length,
      ...counts,
      overdue_now: rows.filter(
        (t) =>
          ![...FINAL, 'on_hold'].includes(t.state) && t.resolve_due_at !== null && t.resolve_due_at < now,
      ).length,
      open_now: rows.filter((t) => !FINAL.includes(t.state)).length,
      ever_assigned: everAssigned,
      ever_resolved: everResolved,
      accept_p50_s: percentile(accept, 0.5),
      accept_p90_s: percentile(accept, 0.9),
      resolve_p50_s: percentile(resolve, 0.5),
      resolve_p90_s: percentile(resolve, 0.9),
    });
  });
}

/** Expects the report's lines to be the recount's, line by line and figure by figure (numbers to 0.1). */
export function expectLinesMatchRecount(
  actual: KpiReportLine[],
  expected: KpiReportLine[],
  label = '',
): void {
  const byKey = new Map(actual.map((l) => [l.key, l]));
  for (const line of expected) {
    const got = byKey.get(line.key);
    expect(got, `${label}line ${line.key}`).toBeDefined();
    for (const [field, value] of Object.entries(line)) {
      const v = got![field as keyof KpiReportLine];
      if (typeof value === 'number' && typeof v === 'number')
        expect(v, `${label}${line.key}.${field}`).toBeCloseTo(value, 1);
      else expect(v, `${label}${line.key}.${field}`).toEqual(value);
    }
  }
  expect(actual, `${label}lines`).toHaveLength(expected.length);
}
