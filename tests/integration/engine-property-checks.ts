import { expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import { KPI_GROUPS } from '../../db/queries/kpi-report.ts';
import { TicketSlaColumn } from '../../db/queries/sla.ts';
import { KpiReport } from '../../server/contracts/kpi-report.contract.ts';
import { businessTimeBetween } from '../../workflows/sla/business-calendar.ts';
import { escalationStillHolds } from '../../workflows/sla/escalation.ts';
import { isSlaRunning, slaConsumedMs } from '../../workflows/sla/sla-clock.ts';
import type { SlaClockName } from '../../workflows/sla/ticket-sla.ts';
import { CONFIRMATION_WINDOW_EVENT } from '../../workflows/ticket/ticket.model.ts';
import type { TicketCommandEvent, TicketEvent, TicketState } from '../../workflows/ticket/ticket.types.ts';
import { expectLinesMatchRecount, loadKpiRows, recountKpis } from '../support/kpi-recount.ts';
import {
  applyToModel,
  CONFIRMATION_EVENT_TYPE,
  CONFIRMATION_WINDOW_MS,
  confirmationDue,
  followUps,
  INCIDENT_OPEN_STATES,
  isFinalState,
  MODEL_CATEGORIES,
  type ModelCategory,
  type ModelTicket,
  type RunModel,
} from '../support/ticket-model.ts';
import type { Calendars, Explained, World } from './engine-property-world.ts';

// What the engine property runs check (engine-properties.test.ts): after every step the model must
// explain every new event in the log and the engine's invariants must hold; after every run the KPI
// report must equal a brute-force recount over the log.

/** Where the resolution clock runs (workflows/sla/ticket-sla.ts). */
const RUNNING_STATES: readonly TicketState[] = ['registered', 'assigned', 'accepted', 'in_progress'];

/** An event row as the checks read it, with the agency of the person who sent it. */
export interface LogRow {
  ticket_id: number;
  version: number;
  type: string;
  actor_role: string;
  actor_agency_id: string | null;
  from_state: TicketState | null;
  to_state: TicketState;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * Every event a step appended must be explained, in commit order: a command answered 200 at that
 * version; the system's follow-up on a ticket merged into an incident that was just resolved or
 * finished; or (when timers fired) the confirmation close of a ticket whose window had ended. The
 * model follows them. Every 200 and every follow-up must be in the log, and once timers fired no
 * confirmation may still be overdue.
 */
function reconcile(m: RunModel, log: LogRow[], explained: Explained): void {
  const pending = [...explained.commands];
  const following: { ticket: ModelTicket; type: string }[] = [];
  const byId = new Map(m.tickets.map((t) => [t.id, t]));
  for (const e of log) {
    const t = byId.get(e.ticket_id)!;
    if (e.version <= t.version) continue;
    const what = `${t.alias}: v${e.version} ${e.type} by ${e.actor_role} (${e.from_state} → ${e.to_state})`;
    expect([e.version, e.from_state], what).toEqual([t.version + 1, t.snapshot.value]);
    const from = t.snapshot.value;
    const command = pending.findIndex(
      (p) => p.ticket === t && p.version === e.version && p.event.type === e.type,
    );
    const follow = following.findIndex(
      (f) => f.ticket === t && f.type === e.type && e.actor_role === 'system',
    );
    let event: TicketEvent;
    if (command >= 0) event = pending.splice(command, 1)[0]!.event;
    else if (follow >= 0) {
      following.splice(follow, 1);
      event = { type: e.type, ...e.payload } as TicketCommandEvent;
    } else if (explained.timers && e.type === CONFIRMATION_EVENT_TYPE && confirmationDue(t, m.now))
      event = CONFIRMATION_WINDOW_EVENT;
    else throw new Error(`unexplained event ${what}`);
    applyToModel(t, event, e.created_at.getTime());
    expect(e.to_state, what).toBe(t.snapshot.value);
    following.push(...followUps(t, from, m));
  }
  const missing = pending.map((p) => `${p.ticket.alias} v${p.version} ${p.event.type}`);
  expect(missing, 'answered 200 but not in the log').toEqual([]);
  const unfollowed = following.map((f) => `${f.ticket.alias} ${f.type}`);
  expect(unfollowed, 'merged tickets that did not follow their incident').toEqual([]);
  if (explained.timers)
    for (const t of m.tickets)
      expect(confirmationDue(t, m.now), `${t.alias}: confirmation overdue`).toBe(false);
}

/**
 * The resolution clock recomputed from the log: the time spent in registered, assigned, accepted or
 * in_progress since registration (or the last reopen), on the calendar of the agency holding the
 * ticket (the centre's when none does), or in plain elapsed time for elapsed-measured categories.
 */
function activeResolveMs(log: LogRow[], category: ModelCategory, calendars: Calendars, now: number): number {
  let agencyId: string | null = null;
  let total = 0;
  log.forEach((e, i) => {
    if (e.type === 'ticket.assign') agencyId = String(e.payload.agencyId);
    // Sent back, or separated from an incident: nobody holds it until it is routed again.
    if (e.type === 'ticket.reject' || e.type === 'ticket.unmerge') agencyId = null;
    if (e.type === 'ticket.reopen') total = 0;
    if (!RUNNING_STATES.includes(e.to_state)) return;
    const calendar =
      MODEL_CATEGORIES[category].measure === 'elapsed'
        ? calendars.elapsed
        : ((agencyId === null ? undefined : calendars.byAgency.get(agencyId)) ?? calendars.centre);
    total += businessTimeBetween(calendar, e.created_at, log[i + 1]?.created_at ?? new Date(now));
  });
  return total;
}

/** Events sent by agency staff for a ticket their agency did not hold at that moment. */
export function agencyEventsOutOfTurn(log: LogRow[]): string[] {
  let holder: string | null = null;
  const wrong: string[] = [];
  for (const e of log) {
    if (e.actor_role === 'agency' && e.actor_agency_id !== holder)
      wrong.push(`v${e.version} ${e.type} by ${e.actor_agency_id} while ${holder ?? 'nobody'} held it`);
    if (e.type === 'ticket.assign') holder = String(e.payload.agencyId);
    if (e.type === 'ticket.reject' || e.type === 'ticket.unmerge') holder = null;
  }
  return wrong;
}

/** The engine's invariants for every ticket of the run, against the database. */
async function checkInvariants(m: RunModel, w: World, log: LogRow[], timersFired: boolean): Promise<void> {
  const ids = m.tickets.map((t) => t.id);
  const rows = await w.db.query<{
    id: number;
    state: TicketState;
    version: number;
    sla: unknown;
    merged_into_id: number | null;
    incident_state: TicketState | null;
  }>(
    `select t.id, t.state, t.version, t.sla, t.merged_into_id, i.state as incident_state
     from tickets t left join tickets i on i.id = t.merged_into_id where t.id = any($1::int[])`,
    [ids],
  );
  const timers = await w.db.query<{ ticket_id: number; key: string; due_at: Date }>(
    'select ticket_id, key, due_at from ticket_timers where ticket_id = any($1::int[])',
    [ids],
  );
  const alerts = await w.db.query<{ ticket_id: number; clock: SlaClockName | 'manual'; level: number }>(
    "select ticket_id, clock, level from alerts where ticket_id = any($1::int[]) and status <> 'resolved'",
    [ids],
  );
  const [failed] = await w.db.query<{ n: number }>(
    'select count(*)::int as n from ticket_timers where attempts > 0 or failed_at is not null',
  );
  expect(failed!.n, 'timers that ever failed').toBe(0);
  const now = new Date(m.now);
  for (const t of m.tickets) {
    const row = rows.find((r) => r.id === t.id)!;
    const mine = log.filter((e) => e.ticket_id === t.id);
    const final = isFinalState(row.state);
    const name = (what: string) => `${t.alias} (${row.state} v${row.version}): ${what}`;
    // 1. Versions 1..n, each event starts where the previous ended, and the row is the last event's.
    expect(
      mine.map((e) => e.version),
      name('versions'),
    ).toEqual(mine.map((_, i) => i + 1));
    mine.forEach((e, i) =>
      expect(e.from_state, name(`v${e.version} from`)).toBe(mine[i - 1]?.to_state ?? null),
    );
    expect([row.state, row.version], name('row')).toEqual([mine.at(-1)!.to_state, mine.at(-1)!.version]);
    expect([row.state, row.version], name('as modelled')).toEqual([t.snapshot.value, t.version]);
    // 2. One final outcome since the last reopen; after a final event nothing but a reopen.
    mine.forEach((e, i) => {
      if (i > 0 && isFinalState(mine[i - 1]!.to_state))
        expect(e.type, name('after a final event')).toBe('ticket.reopen');
    });
    const sinceReopen = mine.slice(
      Math.max(
        0,
        mine.findLastIndex((e) => e.type === 'ticket.reopen'),
      ),
    );
    expect(sinceReopen.filter((e) => isFinalState(e.to_state)).length, name('final outcomes')).toBe(
      final ? 1 : 0,
    );
    // 3. No timer for a final ticket; a resolved one has its confirmation timer; nothing overdue after firing.
    const timersOf = timers.filter((k) => k.ticket_id === t.id);
    if (final)
      expect(
        timersOf.map((k) => k.key),
        name('timers'),
      ).toEqual([]);
    expect(
      timersOf.filter((k) => k.key === CONFIRMATION_EVENT_TYPE).map((k) => k.due_at.getTime()),
      name('confirmation timer'),
    ).toEqual(row.state === 'resolved' ? [t.resolvedAt! + CONFIRMATION_WINDOW_MS] : []);
    if (timersFired)
      expect(
        timersOf.filter((k) => k.due_at <= now).map((k) => k.key),
        name('overdue timers'),
      ).toEqual([]);
    // 4. No live alert for a final ticket; each live alert's deadline still runs, past the alert's moment.
    const sla = TicketSlaColumn.parse(row.sla);
    const live = alerts.filter((a) => a.ticket_id === t.id);
    if (final) expect(live, name('live alerts')).toEqual([]);
    for (const a of live)
      if (a.clock !== 'manual')
        expect(escalationStillHolds(sla, a.level, a.clock, now), name(`alert ${a.clock}:${a.level}`)).toBe(
          true,
        );
    // 5. The resolution clock runs in the working states only and has counted exactly their time.
    expect(sla.terms.measure, name('measure')).toBe(MODEL_CATEGORIES[t.category].measure);
    expect(sla.resolve !== null && isSlaRunning(sla.resolve), name('resolve clock runs')).toBe(
      RUNNING_STATES.includes(row.state),
    );
    expect(sla.ack !== null && isSlaRunning(sla.ack), name('ack clock runs')).toBe(row.state === 'assigned');
    expect(slaConsumedMs(sla.resolve!, now), name('resolve clock consumed')).toBe(
      activeResolveMs(mine, t.category, w.calendars, m.now),
    );
    // 7. Agency staff only ever changed tickets their agency held.
    expect(agencyEventsOutOfTurn(mine), name('agency events')).toEqual([]);
    // 8. A merged appeal waits for an incident still being worked on (else nothing would resolve it).
    if (row.state === 'merged') {
      expect(row.merged_into_id, name('merged into')).toBe(t.snapshot.context.mergedIntoId);
      expect(INCIDENT_OPEN_STATES, name('its incident is open')).toContain(row.incident_state);
    }
  }
}

/** The log of the run's tickets, oldest first. */
export const readLog = (db: Db, ids: readonly number[]) =>
  db.query<LogRow>(
    `select e.ticket_id, e.version, e.type, e.actor_role, u.agency_id as actor_agency_id, e.from_state,
       e.to_state, e.payload, e.created_at
     from ticket_events e left join users u on u.id = e.actor_user_id
     where e.ticket_id = any($1::int[]) order by e.seq`,
    [ids],
  );

/** After a step: the model explains the new events and the invariants hold. */
export async function verifyStep(m: RunModel, w: World, explained: Explained): Promise<void> {
  if (m.tickets.length === 0) return;
  const log = await readLog(
    w.db,
    m.tickets.map((t) => t.id),
  );
  reconcile(m, log, explained);
  await checkInvariants(m, w, log, explained.timers);
}

/** 6. Every KPI of the run's period equals the brute-force recount over the log, for every breakdown. */
export async function checkKpis(m: RunModel, w: World): Promise<void> {
  const [from, to] = [new Date(m.startedAt), new Date(m.now + 1)];
  const { tickets, events } = await loadKpiRows(w.db, from, to);
  expect(tickets.map((t) => t.id).sort((a, b) => a - b)).toEqual(m.tickets.map((t) => t.id));
  const client = await w.client('supervisor');
  for (const group of KPI_GROUPS) {
    const res = await client.get(
      `/api/kpis/report?from=${from.toISOString()}&to=${to.toISOString()}&groupBy=${group}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = KpiReport.parse(res.body);
    expectLinesMatchRecount(report.lines, recountKpis(tickets, events, group, new Date(m.now)), `${group}: `);
  }
}

/** Finishes the run's open tickets, so later runs' timer passes do not carry them. */
export async function finishTickets(m: RunModel, w: World): Promise<void> {
  const rows = await w.db.query<{ id: number; state: TicketState }>(
    'select id, state from tickets where id = any($1::int[])',
    [m.tickets.map((t) => t.id)],
  );
  for (const r of rows.filter((x) => !isFinalState(x.state))) {
    const body =
      r.state === 'resolved' ? { type: 'ticket.close' } : { type: 'ticket.cancel', reason: 'Run over' };
    await w.command('supervisor', r.id, body);
  }
}
