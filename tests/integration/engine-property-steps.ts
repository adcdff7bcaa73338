import fc from 'fast-check';
import { expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import { Ticket } from '../../server/contracts/ticket.contract.ts';
import { stepTicket } from '../../workflows/ticket/ticket.transition.ts';
import type { TicketCommandEvent, TicketEventType } from '../../workflows/ticket/ticket.types.ts';
import { ticketFactory } from '../support/factories.ts';
import { apiError, type ApiResponse } from '../support/test-server.ts';
import {
  buildCommand,
  describeCommand,
  expectedRefusal,
  formatDuration,
  isFinalState,
  newModelTicket,
  offeredTypes,
  refusedTypes,
  weighted,
  type ModelCategory,
  type ModelTicket,
  type Refusal,
  type RunModel,
} from '../support/ticket-model.ts';
import { verifyStep } from './engine-property-checks.ts';
import {
  AGENCY_STAFF,
  AGENCY_TYPES,
  MAX_RUN_SPAN_MS,
  NOTHING,
  type Explained,
  type Who,
  type World,
} from './engine-property-world.ts';

// The steps of an engine property run (engine-properties.test.ts), one writer at a time: filing,
// commands valid and invalid, clock jumps, timer firings, restarts and acknowledgements. Steps with
// racing writers are in engine-property-races.ts.

/** A step as written below: what it is, when it applies, and what it does (noting what it resolved to). */
export interface StepSpec {
  label: string;
  check?: (m: Readonly<RunModel>) => boolean;
  act: (m: RunModel, w: World, note: (text: string) => void) => Promise<Explained>;
}

/** A fast-check command: acts, then the model must explain the log and the invariants must hold. */
export class Step implements fc.AsyncCommand<RunModel, World> {
  private readonly spec: StepSpec;
  /** What the step turned into in this run (which ticket, which command, what came back). */
  private resolved: string[] = [];

  constructor(spec: StepSpec) {
    this.spec = spec;
  }

  check(m: Readonly<RunModel>): boolean {
    return (this.spec.check ?? ((x) => x.tickets.length > 0))(m);
  }

  async run(m: RunModel, w: World): Promise<void> {
    this.resolved = [];
    try {
      const explained = await this.spec.act(m, w, (text) => this.resolved.push(text));
      m.trace.push(`[+${formatDuration(m.now - m.startedAt)}] ${this.toString()}`);
      await verifyStep(m, w, explained);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const trace = m.trace.join('\n    ');
      throw new Error(`${message}\n  at step: ${this.toString()}\n  run so far:\n    ${trace}`, {
        cause: err,
      });
    }
  }

  toString(): string {
    return [this.spec.label, ...this.resolved].join(' → ');
  }

  /** Each run gets its own copy, so a printed counterexample shows what its own run resolved. */
  [fc.cloneMethod](): Step {
    return new Step(this.spec);
  }
}

/** The item a random `pick` selects (wrapping around), or undefined when there are none. */
export const pickOf = <T>(items: readonly T[], pick: number): T | undefined =>
  items[pick % Math.max(1, items.length)];
/** How a step names a ticket in the printed run: alias, state and version. */
export const where = (t: ModelTicket) => `${t.alias} ${t.snapshot.value} v${t.version}`;
/** Commands the ticket would apply now (a passed reopen window left out). */
export const applicable = (t: ModelTicket, m: RunModel) =>
  offeredTypes(t).filter((type) => expectedRefusal(t, buildCommand(type, t, m, 0), m) === null);
/** A command from `types` that applies to `t` now (a merge then names an open incident). */
export function applyingCommand(
  t: ModelTicket,
  m: RunModel,
  types: TicketEventType[],
  typePick: number,
  pick: number,
) {
  const type = pickOf(weighted(types), typePick)!;
  const event = buildCommand(type, t, m, pick);
  return expectedRefusal(t, event, m) ? buildCommand(type, t, m, 0) : event;
}
/** Who sends `type` to `t`: the supervisor, or whose job it is (the ticket's agency, an operator). */
function sender(t: ModelTicket, type: string, ownRole: boolean): Who {
  if (!ownRole) return 'supervisor';
  if (!AGENCY_TYPES.includes(type)) return 'operator';
  return AGENCY_STAFF[t.snapshot.context.agencyId ?? ''] ?? 'supervisor';
}

/** Files a ticket of `category` as the operator (closed on first contact when asked). */
export const create = (category: ModelCategory, firstContact: boolean) =>
  new Step({
    label: `create ${category}${firstContact ? ', closed on first contact' : ''}`,
    check: (m) => m.tickets.filter((t) => !isFinalState(t.snapshot.value)).length < 3 && m.tickets.length < 8,
    async act(m, w, note) {
      const body = ticketFactory({
        categoryId: category,
        districtId: 'yesil',
        ...(firstContact && { firstContactAnswer: 'Answered during the call' }),
      });
      const res = await (await w.client('operator')).post('/api/tickets', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const created = Ticket.parse(res.body);
      const t = newModelTicket(`T${m.tickets.length}`, created.id, category, firstContact, m.now);
      expect([created.state, created.version, created.agencyId]).toEqual([
        t.snapshot.value,
        t.version,
        t.snapshot.context.agencyId,
      ]);
      m.tickets.push(t);
      note(where(t));
      return NOTHING;
    },
  });

/** Sends a command the machine offers, by the supervisor or whose job it is, optionally at its version. */
export const send = (
  ticketPick: number,
  typePick: number,
  payloadPick: number,
  ownRole: boolean,
  atVersion: boolean,
) =>
  new Step({
    label: `send #${ticketPick}/${typePick}${ownRole ? ' by its role' : ''}${atVersion ? ' at its version' : ''}`,
    check: (m) => m.tickets.some((t) => offeredTypes(t).length > 0),
    async act(m, w, note) {
      const t = pickOf(
        m.tickets.filter((x) => offeredTypes(x).length > 0),
        ticketPick,
      )!;
      const event = buildCommand(pickOf(weighted(offeredTypes(t)), typePick)!, t, m, payloadPick);
      const who = sender(t, event.type, ownRole);
      const body = { ...event, ...(atVersion && { expectedVersion: t.version }) };
      note(`${where(t)} ${describeCommand(event, m)} by ${who}`);
      // The machine offers it, yet the engine may refuse it: a closed ticket past its reopen window.
      const refusal = expectedRefusal(t, event, m);
      if (refusal) return refused(w, t, () => w.command(who, t.id, body), refusal, note);
      const res = await w.command(who, t.id, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const after = Ticket.parse(res.body);
      const next = stepTicket(t.snapshot, event);
      expect([after.state, after.version]).toEqual([next.accepted && next.snapshot.value, t.version + 1]);
      note(`${after.state} v${after.version}`);
      return { commands: [{ ticket: t, event, version: after.version }], timers: false };
    },
  });

/** Ways a command can be wrong; each must be refused with a 4xx and change nothing. */
export const INVALID_KINDS = [
  'not_offered',
  'stale_version',
  'bad_payload',
  'unknown_agency',
  'same_agency',
  'hold_in_past',
  'forbidden_role',
  'other_agency',
  'missing_ticket',
] as const;
type InvalidKind = (typeof INVALID_KINDS)[number];

const BAD_PAYLOADS: Record<string, unknown>[] = [
  { type: 'ticket.comment', text: '' },
  { type: 'ticket.comment', text: 'Note', colour: 'red' },
  { type: 'ticket.hold', reason: 'Parts', until: 'next week' },
  { type: 'ticket.explode' },
  { type: 'ticket.assign', agencyId: 'Not A Slug!' },
  { type: 'ticket.comment', text: 'Note', expectedVersion: 0 },
];

/** The wrong command of `kind` for `t`: who sends what where, and the refusal it must get. */
function invalidCommand(kind: InvalidKind, t: ModelTicket, m: RunModel, pick: number) {
  const bySupervisor = (event: TicketCommandEvent, overrides: Partial<Refusal> = {}) => ({
    who: 'supervisor' as Who,
    ticketId: t.id,
    body: event as Record<string, unknown>,
    refusal: { ...(expectedRefusal(t, event, m) ?? { status: 200, code: 'applies' }), ...overrides },
  });
  const comment: TicketCommandEvent = { type: 'ticket.comment', text: 'Wrong on purpose' };
  const forbidden = { status: 403, code: 'forbidden' };
  const notFound = { status: 404, code: 'not_found' };
  switch (kind) {
    case 'not_offered':
      return bySupervisor(buildCommand(pickOf(refusedTypes(t), pick)!, t, m, pick));
    case 'stale_version':
      return {
        ...bySupervisor(comment, { status: 409, code: 'stale_version' }),
        body: { ...comment, expectedVersion: pick % 2 ? t.version - 1 : t.version + 1 },
      };
    case 'bad_payload':
      return {
        ...bySupervisor(comment, { status: 400, code: 'invalid_request' }),
        body: pickOf(BAD_PAYLOADS, pick)!,
      };
    case 'unknown_agency':
      return bySupervisor({ type: 'ticket.assign', agencyId: 'no-such-agency' });
    case 'same_agency': {
      // Refused where the machine guards reassignment; a registered ticket takes any agency.
      const agencyId = t.snapshot.context.agencyId;
      const same: TicketCommandEvent = { type: 'ticket.assign', agencyId: agencyId ?? '' };
      const refused = agencyId !== null && expectedRefusal(t, same, m) !== null;
      return bySupervisor(refused ? same : { type: 'ticket.assign', agencyId: 'no-such-agency' });
    }
    case 'hold_in_past': {
      const until = new Date(m.now - (1 + (pick % 48)) * 3600_000).toISOString();
      return bySupervisor({ type: 'ticket.hold', reason: 'Waiting', until });
    }
    case 'forbidden_role':
      return pick % 2
        ? { ...bySupervisor(comment, forbidden), who: 'display' as Who }
        : { ...bySupervisor({ type: 'ticket.start' }, forbidden), who: 'operator' as Who };
    case 'other_agency': {
      const holder = AGENCY_STAFF[t.snapshot.context.agencyId ?? ''];
      const outsider = (['water', 'vet', 'akimat'] as const).find((who) => who !== holder)!;
      return { ...bySupervisor(comment, notFound), who: outsider };
    }
    case 'missing_ticket':
      return { ...bySupervisor(comment, notFound), ticketId: 2_000_000_000 };
  }
}

/** Sends a wrong command of `kind`, which must be refused and change nothing. */
export const invalid = (kind: InvalidKind, ticketPick: number, pick: number) =>
  new Step({
    label: `invalid ${kind} #${ticketPick}/${pick}`,
    async act(m, w, note) {
      const t = pickOf(m.tickets, ticketPick)!;
      const { who, ticketId, body, refusal } = invalidCommand(kind, t, m, pick);
      note(`${where(t)} ${JSON.stringify(body)} by ${who}`);
      expect(refusal.status, 'the test built a command that applies').toBeGreaterThanOrEqual(400);
      return refused(w, t, () => w.command(who, ticketId, body), refusal, note);
    },
  });

/** Everything a refused command must leave as it was: the row, its log, timers and alerts. */
async function fingerprint(db: Db, ticketId: number): Promise<unknown> {
  const [row] = await db.query(
    `select t.state, t.version, t.updated_at, t.sla::text as sla, t.snapshot::text as snapshot, t.agency_id,
       t.closed_at, (select count(*)::int from ticket_events e where e.ticket_id = t.id) as events,
       (select coalesce(string_agg(key || '@' || due_at::text, ',' order by key), '') from ticket_timers k
         where k.ticket_id = t.id) as timers,
       (select coalesce(string_agg(a.id || ':' || a.status || ':' || a.notify_count, ',' order by a.id), '')
         from alerts a where a.ticket_id = t.id) as alerts
     from tickets t where t.id = $1`,
    [ticketId],
  );
  return row;
}

/** Sends a command that must get `refusal` (a 4xx, never a 500) and must change nothing at all. */
export async function refused(
  w: World,
  t: ModelTicket,
  sendIt: () => Promise<ApiResponse>,
  refusal: Refusal,
  note: (text: string) => void,
): Promise<Explained> {
  const before = await fingerprint(w.db, t.id);
  const res = await sendIt();
  note(`${res.status} ${res.status >= 400 ? apiError(res).code : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(refusal.status);
  const error = apiError(res);
  expect(error.code).toBe(refusal.code);
  if (['event_not_accepted', 'stale_version', 'reopen_window_passed'].includes(error.code))
    expect([error.currentState, error.currentVersion]).toEqual([t.snapshot.value, t.version]);
  expect(await fingerprint(w.db, t.id), 'the refused command changed the ticket').toEqual(before);
  return NOTHING;
}

/** Moves the injected clock on by `ms`, within the run's span. */
export const advance = (ms: number) =>
  new Step({
    label: `advance ${formatDuration(ms)}`,
    check: (m) => m.now + ms - m.startedAt <= MAX_RUN_SPAN_MS,
    async act(m, w) {
      m.now += ms;
      w.clock.now = m.now;
      return NOTHING;
    },
  });

/** Fires the due timers with one worker, or two at once on the same database. */
export const fire = (workers: 1 | 2) =>
  new Step({
    label: workers === 1 ? 'fire due timers' : 'fire due timers with two workers at once',
    async act(_m, w) {
      if (workers === 1) await w.fireAllDue();
      else await Promise.all([w.fireAllDue(), w.secondWorker().fireDue()]);
      return { commands: [], timers: true };
    },
  });

/** Restarts the server on the same database and clock. */
export const restart = () =>
  new Step({
    label: 'restart the server',
    async act(_m, w) {
      await w.restart();
      return { commands: [], timers: true };
    },
  });

/** Acknowledges one of the run's open alerts, if there is one. */
export const acknowledgeAlert = (pick: number) =>
  new Step({
    label: `acknowledge an open alert #${pick}`,
    async act(m, w, note) {
      const open = await w.db.query<{ id: number; ticket_id: number; clock: string; level: number }>(
        "select id, ticket_id, clock, level from alerts where ticket_id = any($1::int[]) and status = 'open' order by id",
        [m.tickets.map((t) => t.id)],
      );
      const alert = pickOf(open, pick);
      if (!alert) {
        note('none open');
        return NOTHING;
      }
      note(`${where(m.tickets.find((t) => t.id === alert.ticket_id)!)} ${alert.clock} level ${alert.level}`);
      const res = await (await w.client('supervisor')).post(`/api/alerts/${alert.id}/acknowledge`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: alert.id, status: 'acknowledged' });
      return NOTHING;
    },
  });
