import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_GROUPS, type KpiGroup } from '../../db/queries/kpi-report.ts';
import type { KpiReport, KpiReportLine } from '../../server/contracts/kpi-report.contract.ts';
import { toReportLine } from '../../server/kpi/kpi-report.service.ts';
import { createLogger } from '../../server/logger.ts';
import { seededRandom } from '../../server/simulator/random.ts';
import { Simulator } from '../../server/simulator/simulator.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectApiError, startTestStack, type TestStack } from '../support/test-server.ts';

interface TicketRow {
  id: number;
  state: string;
  agency_id: string | null;
  category_id: string;
  district_id: string | null;
  channel: string;
  registered_at: Date;
  resolve_due_at: Date | null;
}
interface EventRow {
  ticket_id: number;
  type: string;
  created_at: Date;
  payload: Record<string, unknown>;
}

const FINAL = ['closed', 'closed_first_contact', 'cancelled'];
const percentile = (values: number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (rank - low);
};

/** The report recomputed the slow, obvious way, ticket by ticket, from the same rows. */
function bruteForce(tickets: TicketRow[], events: EventRow[], group: KpiGroup, now: Date): KpiReportLine[] {
  const keyOf = (t: TicketRow) =>
    ({
      all: null,
      agency: t.agency_id,
      category: t.category_id,
      district: t.district_id,
      channel: t.channel,
    })[group];
  const lines = new Map<string | null, TicketRow[]>();
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

describe.each(DATABASE_KINDS)('KPI report from the event log on %s', (kind) => {
  let stack: TestStack;
  const from = new Date(Date.now() - 3600_000).toISOString();
  beforeAll(async () => {
    stack = await startTestStack(kind);
    // A morning of simulated traffic: appeals filed and worked through the real service.
    let simulated = Date.now();
    const simulator = new Simulator(
      stack.server.komek.db,
      stack.server.komek.tickets,
      600,
      createLogger('silent'),
      seededRandom(7),
      () => simulated,
    );
    await simulator.prepare();
    for (let i = 0; i < 15; i++) {
      simulated += 240_000;
      await simulator.tick();
    }
    await simulator.stop();
  });
  afterAll(() => stack?.close());

  it.each(KPI_GROUPS)('equals a brute-force recount over the log, grouped by %s', async (group) => {
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await stack.staff.supervisor.api.get(
      `/api/kpis/report?from=${from}&to=${to}&groupBy=${group}`,
    );
    expect(res.status).toBe(200);
    const report = res.body as KpiReport;
    const { db } = stack.server.komek;
    const tickets = await db.query<TicketRow>(
      'select t.* from tickets t where t.created_at >= $1 and t.created_at < $2',
      [new Date(from), new Date(to)],
    );
    const events = await db.query<EventRow>(
      'select ticket_id, type, created_at, payload from ticket_events order by seq',
    );
    const expected = bruteForce(tickets, events, group, new Date());
    const byKey = (lines: KpiReportLine[]) => new Map(lines.map((l) => [l.key, l]));
    expect(report.lines.reduce((n, l) => n + l.received, 0)).toBeGreaterThan(100);
    const actual = byKey(report.lines);
    for (const line of expected) {
      const got = actual.get(line.key);
      expect(got, `line ${line.key}`).toBeDefined();
      for (const [field, value] of Object.entries(line)) {
        const v = got![field as keyof KpiReportLine];
        if (typeof value === 'number' && typeof v === 'number')
          expect(v, `${line.key}.${field}`).toBeCloseTo(value, 1);
        else expect(v, `${line.key}.${field}`).toEqual(value);
      }
    }
    expect(report.lines).toHaveLength(expected.length);
  });

  it('refuses a bad period and agency staff', async () => {
    const res = await stack.staff.supervisor.api.get(
      '/api/kpis/report?from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z',
    );
    expect(Object.keys(expectApiError(res, 400, 'invalid_request').fields ?? {})).toEqual(['to']);
    expectApiError(
      await stack.staff.supervisor.api.get('/api/kpis/report?groupBy=weather'),
      400,
      'invalid_request',
    );
    expectApiError(await stack.staff.water.api.get('/api/kpis/report'), 403, 'forbidden');
  });
});
