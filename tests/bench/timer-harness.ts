import type { Db, Sql } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { insertBareTickets } from '../support/timer-factories.ts';

// What timers.bench.ts and pg-boss-timers.ts share: phases, the fire log, databases, scheduling.

export type Kind = 'postgres' | 'pglite';

/**
 * One phase: how many timers, due when (from the moment scheduling starts), fired by how many
 * workers. Timers 0 … fires-1 are the ones measured; the phase ends once they have all fired.
 */
export interface Plan {
  timers: number;
  fires: number;
  workers: number;
  batchSize: number;
  dueAt: (i: number, scheduleStarted: number) => number;
}

/** What a phase observed: each firing's time and timer, in firing order, and when all had committed. */
export interface Measured {
  firedAt: number[];
  order: number[];
  scheduleStarted: number;
  scheduleSeconds: number;
  done: number;
  duplicates: number;
}

/** Timers scheduled per statement. */
const CHUNK = 5000;

/** Tickets the timers are spread over. */
export const BENCH_TICKETS = 1000;

/**
 * Schema, the table firings are written to, and tickets for the timers to point at; returns the ticket
 * ids. Every system gets the same, so its handler can do the same work.
 */
export async function prepareBenchDatabase(db: Db): Promise<number[]> {
  await migrate(db);
  await db.exec('create table bench_fired (i integer not null)');
  return insertBareTickets(db, BENCH_TICKETS);
}

/** Runs one statement in whatever transaction a system hands its handler. */
export type RunStatement = (text: string, params: unknown[]) => Promise<unknown>;

/**
 * What every system's handler does per timer, the stand-in for applying a ticket event: lock the
 * ticket as the engine does, then write one row (checked for doubles at the end).
 */
export async function applyStandIn(run: RunStatement, ticketId: number, i: number): Promise<void> {
  await run('select id from tickets where id = $1 for update', [ticketId]);
  await run('insert into bench_fired (i) values ($1)', [i]);
}

/**
 * A service's tables have statistics (autovacuum keeps them); a table filled a moment ago has none,
 * and the planner would then sort every pending row for each claim. Both systems get fresh statistics.
 */
export const ANALYZE = 'analyze';

/** Records each handler call in order; `all` resolves once every timer's handler has run. */
export class FireLog {
  readonly firedAt: number[] = [];
  readonly order: number[] = [];
  readonly all: Promise<void>;
  private resolve: () => void = () => {};
  private readonly timers: number;

  constructor(timers: number) {
    this.timers = timers;
    this.all = new Promise((resolve) => (this.resolve = resolve));
  }

  record(i: number): void {
    this.firedAt.push(Date.now());
    this.order.push(i);
    if (this.order.length === this.timers) this.resolve();
  }
}

/** Schedules the plan's timers through `insert` in chunks; refuses when it ran past the due moment. */
export async function schedule(plan: Plan, insert: (from: number, dueAts: number[]) => Promise<void>) {
  const scheduleStarted = Date.now();
  for (let from = 0; from < plan.timers; from += CHUNK) {
    const count = Math.min(CHUNK, plan.timers - from);
    await insert(
      from,
      Array.from({ length: count }, (_, j) => plan.dueAt(from + j, scheduleStarted)),
    );
  }
  const scheduleSeconds = (Date.now() - scheduleStarted) / 1000;
  const firstDue = plan.dueAt(0, scheduleStarted);
  if (firstDue > scheduleStarted && Date.now() > firstDue - 200)
    throw new Error(
      `scheduling took ${scheduleSeconds.toFixed(1)} s, past the due moment: raise BENCH_TIMER_LEAD_MS`,
    );
  return { scheduleStarted, scheduleSeconds };
}

/**
 * Waits until every timer's event is committed, then counts double firings. The database is polled
 * only once every handler has run, so polling never competes with the firing it measures.
 */
export async function waitForFired(db: Sql, log: FireLog, timers: number) {
  await log.all;
  for (;;) {
    const [row] = await db.query<{ n: number; distinct: number }>(
      'select count(*)::int as n, count(distinct i)::int as distinct from bench_fired',
    );
    const { n = 0, distinct = 0 } = row ?? {};
    if (distinct >= timers) return { done: Date.now(), duplicates: n - distinct };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
