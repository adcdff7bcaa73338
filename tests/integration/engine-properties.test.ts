import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Sql } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { KPI_GROUPS } from '../../db/queries/kpi-report.ts';
import { TicketSlaColumn, WeeklyHoursColumn } from '../../db/queries/sla.ts';
import { systemClock } from '../../server/clock.ts';
import { KpiReport } from '../../server/contracts/kpi-report.contract.ts';
import { CreateTicket, Ticket, type Actor } from '../../server/contracts/ticket.contract.ts';
import { applyTicketEvent, createTicket } from '../../server/engine/ticket-engine.ts';
import { createLogger } from '../../server/logger.ts';
import { recordingRealtime } from '../../server/realtime/realtime.ts';
import { TicketService } from '../../server/tickets/ticket.service.ts';
import { TimerWorker } from '../../server/timers/timer-worker.ts';
import {
  businessTimeBetween,
  roundTheClock,
  type BusinessCalendar,
} from '../../workflows/sla/business-calendar.ts';
import { escalationStillHolds } from '../../workflows/sla/escalation.ts';
import { isSlaRunning, slaConsumedMs } from '../../workflows/sla/sla-clock.ts';
import type { SlaClockName } from '../../workflows/sla/ticket-sla.ts';
import { CONFIRMATION_WINDOW_EVENT } from '../../workflows/ticket/ticket.model.ts';
import { stepTicket } from '../../workflows/ticket/ticket.transition.ts';
import type {
  TicketCommandEvent,
  TicketEvent,
  TicketEventType,
  TicketState,
} from '../../workflows/ticket/ticket.types.ts';
import { createUser, login, ticketFactory, type TestUser } from '../support/factories.ts';
import { expectLinesMatchRecount, loadKpiRows, recountKpis } from '../support/kpi-recount.ts';
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind } from '../support/test-database.ts';
import {
  apiError,
  startTestServer,
  startTestStack,
  type ApiClient,
  type ApiResponse,
  type TestServer,
  type TestStack,
} from '../support/test-server.ts';
import {
  applyToModel,
  buildCommand,
  CONFIRMATION_EVENT_TYPE,
  CONFIRMATION_WINDOW_MS,
  confirmationDue,
  describeCommand,
  expectedRefusal,
  followUps,
  formatDuration,
  INCIDENT_OPEN_STATES,
  isFinalState,
  MODEL_CATEGORIES,
  mergedInto,
  newModelTicket,
  offeredTypes,
  refusedTypes,
  weighted,
  type ModelCategory,
  type ModelTicket,
  type Refusal,
  type RunModel,
} from '../support/ticket-model.ts';

// Property tests of the engine: random interleavings of commands (valid, invalid and racing), clock
// jumps from seconds to weeks, timer firings and server restarts, through the real HTTP API on both
// databases. After every step the model (the pure machine plus the engine's rules) must explain every
// new event in the log, and the log, timers, alerts and SLA clocks must keep the engine's invariants;
// after every run the KPI report must equal a brute-force recount over the log. A failure prints the
// shrunk run, each step with what it resolved to (which ticket, which command, what came back).
// FC_RUNS=200 explores longer; FC_SEED=<seed> replays a failure's seed.

const NUM_RUNS = Number(process.env.FC_RUNS ?? 20);
const MAX_STEPS = 40;
const DAY_MS = 86_400_000;
/** Keeps a run's report period well inside the API's 400-day limit. */
const MAX_RUN_SPAN_MS = 300 * DAY_MS;
/** Sessions last 30 days of the injected clock: everyone logs in again well before. */
const RELOGIN_AFTER_MS = 20 * DAY_MS;
const CITY_TIME_ZONE = 'Asia/Almaty';
// Friday 2026-12-11, 09:00 in Astana: office hours, a weekend and a public holiday (16 December) ahead.
const START = Date.parse('2026-12-11T04:00:00Z');
/** Where the resolution clock runs (workflows/sla/ticket-sla.ts). */
const RUNNING_STATES: readonly TicketState[] = ['registered', 'assigned', 'accepted', 'in_progress'];
const AGENCY_TYPES = [
  'ticket.accept',
  'ticket.reject',
  'ticket.start',
  'ticket.hold',
  'ticket.resume',
  'ticket.resolve',
];

type Who = 'supervisor' | 'operator' | 'display' | 'water' | 'vet' | 'akimat';
const AGENCY_STAFF: Record<string, Who> = {
  'astana-su-arnasy': 'water',
  'veterinary-service': 'vet',
  'akimat-yesil': 'akimat',
};

/** The calendars SLA clocks may count on, read from the reference data, not from the engine. */
interface Calendars {
  elapsed: BusinessCalendar;
  centre: BusinessCalendar;
  byAgency: Map<string, BusinessCalendar>;
}

async function loadCalendars(db: Db): Promise<Calendars> {
  const rows = await db.query<{ id: string; weekly_hours: unknown }>(
    'select id, weekly_hours from business_calendars',
  );
  const holidays = await db.query<{ calendar_id: string; day: string }>(
    "select calendar_id, to_char(day, 'YYYY-MM-DD') as day from calendar_holidays",
  );
  const calendars = new Map(
    rows.map((r): [string, BusinessCalendar] => [
      r.id,
      {
        id: r.id,
        timeZone: CITY_TIME_ZONE,
        weeklyHours: WeeklyHoursColumn.parse(r.weekly_hours),
        holidays: holidays.filter((h) => h.calendar_id === r.id).map((h) => h.day),
      },
    ]),
  );
  const agencies = await db.query<{ id: string; calendar_id: string }>(
    'select id, calendar_id from agencies',
  );
  return {
    elapsed: roundTheClock(CITY_TIME_ZONE),
    centre: calendars.get('round-the-clock')!,
    byAgency: new Map(agencies.map((a) => [a.id, calendars.get(a.calendar_id)!])),
  };
}

/** The system under test: the server (replaced on a restart), the people using it, the clock. */
class World {
  readonly db: Db;
  readonly clock: { now: number };
  readonly calendars: Calendars;
  server: TestServer;
  private readonly users: Record<Who, TestUser>;
  private readonly cookies = new Map<Who, string>();
  private loggedInAt = -Infinity;

  constructor(stack: TestStack, akimat: TestUser, clock: { now: number }, calendars: Calendars) {
    this.db = stack.server.komek.db;
    this.server = stack.server;
    this.clock = clock;
    this.calendars = calendars;
    const { supervisor, operator, display, water, vet } = stack.staff;
    this.users = {
      supervisor: supervisor.user,
      operator: operator.user,
      display: display.user,
      water: water.user,
      vet: vet.user,
      akimat,
    };
  }

  /** HTTP as `who`. Sessions expire on the injected clock, so everyone logs in again now and then. */
  async client(who: Who): Promise<ApiClient> {
    if (this.clock.now - this.loggedInAt > RELOGIN_AFTER_MS) {
      for (const [role, user] of Object.entries(this.users))
        this.cookies.set(role as Who, await login(this.server.url, user.username, user.password));
      this.loggedInAt = this.clock.now;
    }
    return this.server.api(this.cookies.get(who));
  }

  /** Sends one command; a 5xx is never an acceptable answer. */
  async command(who: Who, ticketId: number, body: Record<string, unknown>): Promise<ApiResponse> {
    const res = await (await this.client(who)).command(ticketId, body);
    if (res.status >= 500)
      throw new Error(`HTTP ${res.status} for ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
    return res;
  }

  /** Fires every due timer; none may fail. (A stopped worker's fireDue stops after one batch.) */
  async fireAllDue(): Promise<void> {
    for (;;) {
      const result = await this.server.komek.timers.fireDue();
      expect(result.failed, 'timers that failed').toBe(0);
      if (!result.more) return;
    }
  }

  /**
   * Another worker on the same database, as a second process would run one, firing through the
   * current server's service: the two claim disjoint timers (FOR UPDATE SKIP LOCKED).
   */
  secondWorker(): TimerWorker {
    const tickets = this.server.komek.tickets;
    const clock = () => new Date(this.clock.now);
    return new TimerWorker(
      this.db,
      (tx, timer) => tickets.fireTimer(tx, timer),
      createLogger('silent'),
      clock,
      {
        batchSize: 3,
      },
    );
  }

  /**
   * A restart: the server (TicketService, timer worker, HTTP, Socket.IO) stops and a new one starts on
   * the same database and clock. Its worker fires what fell due at start, as a real restart does; the
   * run then stops it and fires the rest itself.
   */
  async restart(): Promise<void> {
    await this.server.close();
    this.server = await startTestServer(this.db, { clock: () => new Date(this.clock.now) });
    await this.server.komek.timers.stop();
    await this.fireAllDue();
  }
}

/** What a step may have appended: commands answered 200 (at the version they made), and due timers. */
interface Explained {
  commands: { ticket: ModelTicket; event: TicketCommandEvent; version: number }[];
  timers: boolean;
}
const NOTHING: Explained = { commands: [], timers: false };

/** A step as written below: what it is, when it applies, and what it does (noting what it resolved to). */
interface StepSpec {
  label: string;
  check?: (m: Readonly<RunModel>) => boolean;
  act: (m: RunModel, w: World, note: (text: string) => void) => Promise<Explained>;
}

/** A fast-check command: acts, then the model must explain the log and the invariants must hold. */
class Step implements fc.AsyncCommand<RunModel, World> {
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

const pickOf = <T>(items: readonly T[], pick: number): T | undefined =>
  items[pick % Math.max(1, items.length)];
const where = (t: ModelTicket) => `${t.alias} ${t.snapshot.value} v${t.version}`;
/** Commands the ticket would apply now (a passed reopen window left out). */
const applicable = (t: ModelTicket, m: RunModel) =>
  offeredTypes(t).filter((type) => expectedRefusal(t, buildCommand(type, t, m, 0), m) === null);
/** A command from `types` that applies to `t` now (a merge then names an open incident). */
function applyingCommand(
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

const create = (category: ModelCategory, firstContact: boolean) =>
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

const send = (
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
const INVALID_KINDS = [
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

const invalid = (kind: InvalidKind, ticketPick: number, pick: number) =>
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
async function refused(
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

const race = (ticketPick: number, typePicks: number[]) =>
  new Step({
    label: `race ${typePicks.length} writers at one version #${ticketPick}/${typePicks.join(',')}`,
    check: (m) => m.tickets.some((t) => applicable(t, m).length > 0),
    async act(m, w, note) {
      const t = pickOf(
        m.tickets.filter((x) => applicable(x, m).length > 0),
        ticketPick,
      )!;
      const events = typePicks.map((p, i) => applyingCommand(t, m, applicable(t, m), p, p + i));
      note(`${where(t)} ${events.map((e) => describeCommand(e, m)).join(' | ')}`);
      const answers = await Promise.all(
        events.map((e) => w.command('supervisor', t.id, { ...e, expectedVersion: t.version })),
      );
      note(answers.map((a) => a.status).join(','));
      const winners = answers.flatMap((res, i) => (res.status === 200 ? [i] : []));
      expect(winners, `exactly one wins: ${JSON.stringify(answers.map((a) => a.body))}`).toHaveLength(1);
      const won = winners[0]!;
      const after = Ticket.parse(answers[won]!.body);
      const next = stepTicket(t.snapshot, events[won]!);
      expect([after.state, after.version]).toEqual([next.accepted && next.snapshot.value, t.version + 1]);
      for (const loser of answers.filter((_, i) => i !== won)) {
        expect(loser.status).toBe(409);
        const error = apiError(loser);
        expect(['stale_version', 'event_not_accepted']).toContain(error.code);
        expect([error.currentState, error.currentVersion]).toEqual([after.state, after.version]);
      }
      return { commands: [{ ticket: t, event: events[won]!, version: after.version }], timers: false };
    },
  });

/** One command on each of several tickets at once, with no expected version: all apply. */
/** Tickets whose commands touch no other ticket: not merged, no appeal merged into them. */
const standalone = (m: RunModel) =>
  m.tickets.filter(
    (t) => t.snapshot.value !== 'merged' && mergedInto(t, m).length === 0 && independent(t, m).length > 0,
  );
/** Commands that change `t` alone (a merge also reads its incident; see raceMerge). */
const independent = (t: ModelTicket, m: RunModel) =>
  applicable(t, m).filter((type) => type !== 'ticket.merge');

/** One command on each of several unrelated tickets at once, with no expected version: all apply. */
const parallel = (typePicks: number[]) =>
  new Step({
    label: `parallel writers on ${typePicks.length} tickets /${typePicks.join(',')}`,
    check: (m) => standalone(m).length >= 2,
    async act(m, w, note) {
      const tickets = standalone(m).slice(0, typePicks.length);
      const events = tickets.map((t, i) =>
        applyingCommand(t, m, independent(t, m), typePicks[i]!, typePicks[i]!),
      );
      note(tickets.map((t, i) => `${where(t)} ${describeCommand(events[i]!, m)}`).join(' | '));
      const answers = await Promise.all(tickets.map((t, i) => w.command('supervisor', t.id, events[i]!)));
      note(answers.map((a) => a.status).join(','));
      const applied = answers.map((res) => {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return Ticket.parse(res.body).version;
      });
      return {
        commands: tickets.map((ticket, i) => ({ ticket, event: events[i]!, version: applied[i]! })),
        timers: false,
      };
    },
  });

/** A command at the ticket's version racing the timer worker (a due confirmation close, preferably). */
const raceTimers = (ticketPick: number, typePick: number) =>
  new Step({
    label: `race a command with the timers #${ticketPick}/${typePick}`,
    check: (m) => m.tickets.some((t) => applicable(t, m).length > 0),
    async act(m, w, note) {
      const candidates = m.tickets.filter((x) => applicable(x, m).length > 0);
      const due = candidates.filter((x) => confirmationDue(x, m.now));
      const t = pickOf(due.length ? due : candidates, ticketPick)!;
      const event = applyingCommand(t, m, applicable(t, m), typePick, typePick);
      note(
        `${where(t)}${confirmationDue(t, m.now) ? ' (confirmation due)' : ''} ${describeCommand(event, m)}`,
      );
      const [res] = await Promise.all([
        w.command('supervisor', t.id, { ...event, expectedVersion: t.version }),
        w.fireAllDue(),
      ]);
      // A timer whose ticket the command held was skipped, not lost: it fires now.
      await w.fireAllDue();
      note(String(res.status));
      if (res.status === 200) {
        const after = Ticket.parse(res.body);
        expect(after.version).toBe(t.version + 1);
        return { commands: [{ ticket: t, event, version: after.version }], timers: true };
      }
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      const error = apiError(res);
      expect([error.code, error.currentVersion]).toEqual(['stale_version', t.version + 1]);
      return { commands: [], timers: true };
    },
  });

/** Agency commands the ticket's own crew could send now, if its agency has staff in the suite. */
const crewCommands = (t: ModelTicket, m: RunModel) =>
  AGENCY_STAFF[t.snapshot.context.agencyId ?? ''] && applicable(t, m).includes('ticket.assign')
    ? applicable(t, m).filter((type) => [...AGENCY_TYPES, 'ticket.comment', 'ticket.escalate'].includes(type))
    : [];

/**
 * The crew's command at the ticket's version racing the supervisor's reassignment to another agency:
 * whichever commits first, the crew never acts on a ticket its agency no longer holds.
 */
const raceReassign = (ticketPick: number, typePick: number, agencyPick: number) =>
  new Step({
    label: `race a crew's command with a reassignment #${ticketPick}/${typePick}/${agencyPick}`,
    check: (m) => m.tickets.some((t) => crewCommands(t, m).length > 0),
    async act(m, w, note) {
      const t = pickOf(
        m.tickets.filter((x) => crewCommands(x, m).length > 0),
        ticketPick,
      )!;
      const crew = AGENCY_STAFF[t.snapshot.context.agencyId!]!;
      const event = applyingCommand(t, m, crewCommands(t, m), typePick, typePick);
      const reassign = buildCommand('ticket.assign', t, m, agencyPick);
      note(`${where(t)} ${describeCommand(event, m)} by ${crew} | ${describeCommand(reassign, m)}`);
      const [byCrew, bySupervisor] = await Promise.all([
        // Without a version: only the access check on the locked row keeps the crew off a lost ticket.
        w.command(crew, t.id, event),
        w.command('supervisor', t.id, reassign),
      ]);
      note(`${byCrew.status},${bySupervisor.status}`);
      const commands: Explained['commands'] = [];
      if (byCrew.status === 200)
        commands.push({ ticket: t, event, version: Ticket.parse(byCrew.body).version });
      else
        expect([
          [404, 'not_found'],
          [409, 'stale_version'],
        ]).toContainEqual([byCrew.status, apiError(byCrew).code]);
      if (bySupervisor.status === 200)
        commands.push({ ticket: t, event: reassign, version: Ticket.parse(bySupervisor.body).version });
      else
        expect([bySupervisor.status, apiError(bySupervisor).code, byCrew.status]).toEqual([
          409,
          'event_not_accepted',
          200,
        ]);
      return { commands, timers: false };
    },
  });

/** Pairs (appeal, incident) the appeal could be merged into now, each incident having something to do. */
const mergePairs = (m: RunModel): [ModelTicket, ModelTicket][] =>
  m.tickets.flatMap((t) =>
    stepTicket(t.snapshot, { type: 'ticket.merge', incidentId: 0 }).accepted && mergedInto(t, m).length === 0
      ? m.tickets
          .filter(
            (i) => i !== t && INCIDENT_OPEN_STATES.includes(i.snapshot.value) && applicable(i, m).length > 0,
          )
          .map((i): [ModelTicket, ModelTicket] => [t, i])
      : [],
  );
const INCIDENT_MOVES = ['ticket.resolve', 'ticket.cancel', 'ticket.merge', 'ticket.hold', 'ticket.assign'];

/**
 * A merge into an incident racing a command on the incident (resolving, cancelling or merging it,
 * preferably): whatever commits first, no appeal may be left waiting for an incident that is done.
 */
const raceMerge = (pairPick: number, typePick: number) =>
  new Step({
    label: `race a merge with a command on its incident #${pairPick}/${typePick}`,
    check: (m) => mergePairs(m).length > 0,
    async act(m, w, note) {
      const [t, incident] = pickOf(mergePairs(m), pairPick)!;
      const merge: TicketCommandEvent = { type: 'ticket.merge', incidentId: incident.id };
      const moves = applicable(incident, m).filter((type) => INCIDENT_MOVES.includes(type));
      const type = pickOf(moves.length ? moves : applicable(incident, m), typePick)!;
      const move = buildCommand(type, incident, m, typePick);
      note(`${where(t)} ${describeCommand(merge, m)} | ${where(incident)} ${describeCommand(move, m)}`);
      const answers = await Promise.all([
        w.command('supervisor', t.id, merge),
        w.command('supervisor', incident.id, move),
      ]);
      note(answers.map((a) => a.status).join(','));
      const commands: Explained['commands'] = [];
      answers.forEach((res, i) => {
        const [ticket, event] = i === 0 ? [t, merge] : [incident, move];
        if (res.status === 200) commands.push({ ticket, event, version: Ticket.parse(res.body).version });
        else
          expect([
            [409, 'incident_not_open'],
            [409, 'has_merged_tickets'],
          ]).toContainEqual([res.status, apiError(res).code]);
      });
      return { commands, timers: false };
    },
  });

const advance = (ms: number) =>
  new Step({
    label: `advance ${formatDuration(ms)}`,
    check: (m) => m.now + ms - m.startedAt <= MAX_RUN_SPAN_MS,
    async act(m, w) {
      m.now += ms;
      w.clock.now = m.now;
      return NOTHING;
    },
  });

const fire = (workers: 1 | 2) =>
  new Step({
    label: workers === 1 ? 'fire due timers' : 'fire due timers with two workers at once',
    async act(_m, w) {
      if (workers === 1) await w.fireAllDue();
      else await Promise.all([w.fireAllDue(), w.secondWorker().fireDue()]);
      return { commands: [], timers: true };
    },
  });

const restart = () =>
  new Step({
    label: 'restart the server',
    async act(_m, w) {
      await w.restart();
      return { commands: [], timers: true };
    },
  });

const acknowledgeAlert = (pick: number) =>
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

/** An event row as the checks read it, with the agency of the person who sent it. */
interface LogRow {
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
function agencyEventsOutOfTurn(log: LogRow[]): string[] {
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
const readLog = (db: Db, ids: readonly number[]) =>
  db.query<LogRow>(
    `select e.ticket_id, e.version, e.type, e.actor_role, u.agency_id as actor_agency_id, e.from_state,
       e.to_state, e.payload, e.created_at
     from ticket_events e left join users u on u.id = e.actor_user_id
     where e.ticket_id = any($1::int[]) order by e.seq`,
    [ids],
  );

async function verifyStep(m: RunModel, w: World, explained: Explained): Promise<void> {
  if (m.tickets.length === 0) return;
  const log = await readLog(
    w.db,
    m.tickets.map((t) => t.id),
  );
  reconcile(m, log, explained);
  await checkInvariants(m, w, log, explained.timers);
}

/** 6. Every KPI of the run's period equals the brute-force recount over the log, for every breakdown. */
async function checkKpis(m: RunModel, w: World): Promise<void> {
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
async function finishTickets(m: RunModel, w: World): Promise<void> {
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

const index = fc.nat({ max: 1000 });
const duration = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 300 }).map((s) => s * 1000) },
  { weight: 4, arbitrary: fc.integer({ min: 5, max: 180 }).map((min) => min * 60_000) },
  { weight: 3, arbitrary: fc.integer({ min: 3, max: 30 }).map((h) => h * 3600_000) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((d) => d * DAY_MS) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 35 }).map((d) => d * DAY_MS) },
);
const category = fc.constantFrom(...(Object.keys(MODEL_CATEGORIES) as ModelCategory[]));
/** The steps of a run. */
const steps = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(category, fc.nat({ max: 5 })).map(([c, n]) => create(c, n === 0)) },
    {
      weight: 8,
      arbitrary: fc.tuple(index, index, index, fc.boolean(), fc.boolean()).map((a) => send(...a)),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...INVALID_KINDS), index, index).map((a) => invalid(...a)),
    },
    { weight: 7, arbitrary: duration.map(advance) },
    { weight: 4, arbitrary: fc.constantFrom<(1 | 2)[]>(1, 1, 2).map(fire) },
    { weight: 1, arbitrary: fc.constant(null).map(restart) },
    {
      weight: 2,
      arbitrary: fc.tuple(index, fc.array(index, { minLength: 2, maxLength: 3 })).map((a) => race(...a)),
    },
    { weight: 1, arbitrary: fc.array(index, { minLength: 2, maxLength: 3 }).map(parallel) },
    { weight: 1, arbitrary: fc.tuple(index, index).map((a) => raceTimers(...a)) },
    { weight: 1, arbitrary: fc.tuple(index, index, index).map((a) => raceReassign(...a)) },
    { weight: 1, arbitrary: fc.tuple(index, index).map((a) => raceMerge(...a)) },
    { weight: 1, arbitrary: index.map(acknowledgeAlert) },
  );
/** A run: one to three appeals filed, then up to MAX_STEPS steps. */
const run = () =>
  fc.tuple(
    fc.array(category, { minLength: 1, maxLength: 3 }).map((cs) => cs.map((c) => create(c, false))),
    fc.commands([steps()], { maxCommands: MAX_STEPS, size: 'max' }),
  );

describe.each(DATABASE_KINDS)('engine invariants under random interleavings on %s', (kind: DatabaseKind) => {
  const clock = { now: START };
  let stack: TestStack | undefined;
  let world: World | undefined;

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(clock.now) });
    // The runs fire timers themselves, at the moments they choose.
    await stack.server.komek.timers.stop();
    const { db } = stack.server.komek;
    const akimat = await createUser(db, { role: 'agency', agencyId: 'akimat-yesil' });
    world = new World(stack, akimat, clock, await loadCalendars(db));
  });
  afterAll(async () => {
    await world?.server.close();
    await stack?.database.close();
  });

  it('keeps the log, timers, alerts, SLA clocks and KPIs consistent', { timeout: 300_000 }, async () => {
    const w = world!;
    await fc.assert(
      fc.asyncProperty(run(), async ([creates, commands]) => {
        clock.now += 1000; // the run's tickets, and its report period, start after every earlier one
        const model: RunModel = { now: clock.now, startedAt: clock.now, tickets: [], trace: [] };
        try {
          await fc.asyncModelRun(() => ({ model, real: w }), [...creates, ...commands]);
          await checkKpis(model, w);
        } finally {
          await finishTickets(model, w).catch(() => undefined);
        }
      }),
      { numRuns: NUM_RUNS, ...(process.env.FC_SEED && { seed: Number(process.env.FC_SEED) }) },
    );
  });
});

describe.each(DATABASE_KINDS)('an agency command racing a reassignment on %s', (kind: DatabaseKind) => {
  // A bug this property found: the service once checked an agency user's access on a read outside
  // the engine's transaction, so a reassignment committed in between let the first agency act on the
  // second agency's ticket. Access is now decided on the locked row; this example slots a reassignment
  // into any read the service makes before the engine's transaction, so the gap cannot come back.
  it('never applies a command to a ticket the agency no longer holds', async () => {
    const outOfTurn = await reassignDuringAccessCheck(kind);
    if (outOfTurn) expect(outOfTurn).toEqual([]);
  });
});

/**
 * Files a flooding appeal (routed to the water utility), lets the water crew send `ticket.accept`
 * through the service while the reassignment to the veterinary service commits between its access
 * check and its write, and returns the log's agency events out of turn; null when it could not stage that.
 */
async function reassignDuringAccessCheck(kind: DatabaseKind): Promise<string[] | null> {
  const database = await createTestDatabase(kind);
  try {
    const { db } = database;
    await migrate(db);
    const deps = { db, clock: systemClock, cityTimeZone: CITY_TIME_ZONE };
    const system: Actor = { userId: null, role: 'simulator' };
    const { ticket } = await createTicket(deps, CreateTicket.parse(ticketFactory()), system);
    const water = await createUser(db, { role: 'agency', agencyId: 'astana-su-arnasy' });
    let reassigned = false;
    // The service's first read outside a transaction is its access check; the reassignment commits
    // right after it, before the engine locks the ticket.
    const racing: Db = {
      ...db,
      async query<T>(text: string, params?: readonly unknown[]) {
        const rows = await db.query<T>(text, params);
        if (!reassigned) {
          reassigned = true;
          await applyTicketEvent(
            deps,
            ticket.id,
            { type: 'ticket.assign', agencyId: 'veterinary-service' },
            system,
          );
        }
        return rows;
      },
    };
    const tickets = new TicketService({ ...deps, db: racing }, recordingRealtime(), createLogger('silent'));
    const viewer = { ...water, displayName: 'Water crew', role: 'agency' as const };
    await tickets.command(viewer, ticket.id, { type: 'ticket.accept' }).catch(() => undefined);
    return reassigned ? agencyEventsOutOfTurn(await readLog(db, [ticket.id])) : null;
  } catch {
    return null;
  } finally {
    await database.close();
  }
}

describe('a merge racing the resolution of its incident on postgres', () => {
  // A bug this property found (PostgreSQL; PGlite runs one transaction at a time): the merge read its
  // incident without a lock, so a resolution committed between that read and the merge's commit missed
  // the appeal, which then waited forever merged into a finished incident. The merge now share-locks the
  // incident; here the resolution is slotted right after the merge's read and must wait for it.
  it('never leaves an appeal merged into a resolved incident', async () => {
    const stranded = await resolveDuringMergeCheck();
    if (stranded) expect(stranded).toEqual([]);
  });
});

/**
 * Files two flooding appeals and merges the first into the second while the second's resolution
 * commits between the merge's read of it and the merge's commit; returns the appeals left waiting for
 * an incident that is no longer open, or null when it could not stage that.
 */
async function resolveDuringMergeCheck(): Promise<string[] | null> {
  const database = await createTestDatabase('postgres');
  try {
    const { db } = database;
    await migrate(db);
    const deps = { db, clock: systemClock, cityTimeZone: CITY_TIME_ZONE };
    const system: Actor = { userId: null, role: 'simulator' };
    const file = async () => (await createTicket(deps, CreateTicket.parse(ticketFactory()), system)).ticket;
    const [appeal, incident] = [await file(), await file()];
    let resolving: Promise<unknown> | null = null;
    const resolve = () =>
      applyTicketEvent(deps, incident.id, { type: 'ticket.resolve', resolution: 'Pumped out' }, system);
    const afterReadOfIncident = (tx: Sql): Sql => ({
      async query<T>(text: string, params?: readonly unknown[]) {
        const rows = await tx.query<T>(text, params);
        if (!resolving && params?.[0] === incident.id && !/for update/i.test(text)) {
          resolving = resolve();
          // An engine that locks the incident here makes the resolution wait: go on after a while.
          await Promise.race([resolving, new Promise((done) => setTimeout(done, 2000))]);
        }
        return rows;
      },
    });
    const racing: Db = { ...db, transaction: (fn) => db.transaction((tx) => fn(afterReadOfIncident(tx))) };
    const merge = { type: 'ticket.merge' as const, incidentId: incident.id };
    await applyTicketEvent({ ...deps, db: racing }, appeal.id, merge, system);
    if (!resolving) return null;
    await resolving;
    const rows = await db.query<{ id: number; state: TicketState; incident_state: TicketState | null }>(
      `select t.id, t.state, i.state as incident_state from tickets t left join tickets i on i.id = t.merged_into_id
       where t.id = $1`,
      [appeal.id],
    );
    return rows
      .filter((r) => r.state === 'merged' && !INCIDENT_OPEN_STATES.includes(r.incident_state!))
      .map((r) => `ticket ${r.id} waits merged into a ${r.incident_state} incident`);
  } catch {
    return null;
  } finally {
    await database.close();
  }
}
