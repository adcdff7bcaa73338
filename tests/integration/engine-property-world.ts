import { expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import { WeeklyHoursColumn } from '../../db/queries/sla.ts';
import type { TicketCommandEvent } from '../../workflows/ticket/ticket.types.ts';
import { createLogger } from '../../server/logger.ts';
import { TimerWorker } from '../../server/timers/timer-worker.ts';
import { roundTheClock, type BusinessCalendar } from '../../workflows/sla/business-calendar.ts';
import { login, type TestUser } from '../support/factories.ts';
import {
  startTestServer,
  type ApiClient,
  type ApiResponse,
  type TestServer,
  type TestStack,
} from '../support/test-server.ts';
import type { ModelTicket } from '../support/ticket-model.ts';

// The system the engine property runs drive (engine-properties.test.ts): the server, which a run may
// restart, the people using it, the injected clock and the calendars SLA clocks count on.

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;
/** Keeps a run's report period well inside the API's 400-day limit. */
export const MAX_RUN_SPAN_MS = 300 * DAY_MS;
/** Sessions last 30 days of the injected clock: everyone logs in again well before. */
const RELOGIN_AFTER_MS = 20 * DAY_MS;
/** Astana's time zone, the server's default (CITY_TIME_ZONE). */
export const CITY_TIME_ZONE = 'Asia/Almaty';
/** Friday 2026-12-11, 09:00 in Astana: office hours, a weekend and a public holiday (16 December) ahead. */
export const START = Date.parse('2026-12-11T04:00:00Z');
/** Commands that are an agency's job; the others an operator (or the supervisor) sends. */
export const AGENCY_TYPES = [
  'ticket.accept',
  'ticket.reject',
  'ticket.start',
  'ticket.hold',
  'ticket.resume',
  'ticket.resolve',
];

/** The people a run acts as. */
export type Who = 'supervisor' | 'operator' | 'display' | 'water' | 'vet' | 'akimat';
/** The staff member of each agency the suite has one for. */
export const AGENCY_STAFF: Record<string, Who> = {
  'astana-su-arnasy': 'water',
  'veterinary-service': 'vet',
  'akimat-yesil': 'akimat',
};

/** The calendars SLA clocks may count on, read from the reference data, not from the engine. */
export interface Calendars {
  elapsed: BusinessCalendar;
  centre: BusinessCalendar;
  byAgency: Map<string, BusinessCalendar>;
}

/** Reads the calendars and which agency counts on which from the database. */
export async function loadCalendars(db: Db): Promise<Calendars> {
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
export class World {
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
export interface Explained {
  commands: { ticket: ModelTicket; event: TicketCommandEvent; version: number }[];
  timers: boolean;
}
/** A step that appended nothing. */
export const NOTHING: Explained = { commands: [], timers: false };
