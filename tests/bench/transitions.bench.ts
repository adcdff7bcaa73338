import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { countPendingTimers } from '../../db/queries/timers.ts';
import { systemClock } from '../../server/clock.ts';
import { CreateTicket, type Actor } from '../../server/contracts/ticket.contract.ts';
import {
  applyTicketEvent,
  createTicket,
  fireTicketTimer,
  type EngineDeps,
} from '../../server/engine/ticket-engine.ts';
import { createLogger } from '../../server/logger.ts';
import { TimerWorker } from '../../server/timers/timer-worker.ts';
import { ticketFactory } from '../support/factories.ts';
import { CONFIRMATION_TIMER_KEY, inParallel, moveTimersDue } from '../support/timer-restart-fixtures.ts';
import { freshDatabase } from './bench-database.ts';

/** One measurement: the engine with timers, and its same-run baseline on the same driver. */
export interface TransitionsResult {
  kind: 'postgres' | 'pglite';
  /** Event rows written while measuring: each is one transition of one ticket. */
  transitions: number;
  perSecond: number;
  commandP50Ms: number;
  commandP99Ms: number;
  /** From the last command's commit until the last timer's close committed (the longest of the rounds). */
  timerTailMs: number;
  baselinePerSecond: number;
  ratio: number;
}

const CITY_TIME_ZONE = 'Asia/Almaty';
/** The server's timer worker fires this many per transaction (server/start.ts). */
const SERVER_TIMER_BATCH = 20;
const WARM_UP_TICKETS = 20;
const OPERATOR: Actor = { userId: null, role: 'operator' };
const AGENCY: Actor = { userId: null, role: 'agency' };

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const countEvents = async (db: Db) =>
  (await db.query<{ n: number }>('select count(*)::int as n from ticket_events'))[0]?.n ?? 0;

/** Counts the timer events the worker has applied; `reach(n)` resolves once it has applied n in all. */
class AppliedTimers {
  private applied = 0;
  private waiting: { n: number; resolve: () => void }[] = [];

  record(): void {
    this.applied++;
    for (const w of this.waiting) if (this.applied >= w.n) w.resolve();
    this.waiting = this.waiting.filter((w) => this.applied < w.n);
  }

  reach(n: number): Promise<void> {
    if (this.applied >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ n, resolve }));
  }
}

/** The engine's timer worker as the server runs it, counting the timer events it applies. */
function serverTimerWorker(deps: EngineDeps, applied: AppliedTimers): TimerWorker {
  return new TimerWorker(
    deps.db,
    async (tx, timer) => {
      if (await fireTicketTimer(tx, deps, timer)) applied.record();
    },
    createLogger('silent'),
    deps.clock,
    { batchSize: SERVER_TIMER_BATCH },
  );
}

/**
 * Takes `count` tickets through the whole path: filed (created, registered, routed: one
 * transaction), accepted, started, resolved (which writes the confirmation timer row, due in 72 h,
 * which is then moved to now so the close fires during the run); pokes the worker after each commit
 * as the server does. Returns each command's latency.
 */
async function runTickets(deps: EngineDeps, worker: TimerWorker, count: number, concurrency: number) {
  const latencies: number[] = [];
  const timed = async <T>(command: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await command();
    latencies.push(performance.now() - started);
    worker.poke();
    // Commands arrive over the network in the server, so the event loop turns between them. On
    // PGlite nothing else would: its queries settle as promise callbacks only, and the worker's
    // yield between full batches (setImmediate) would wait until every command had run.
    await yieldToEventLoop();
    return result;
  };
  await inParallel(count, concurrency, async () => {
    const { ticket } = await timed(() => createTicket(deps, CreateTicket.parse(ticketFactory()), OPERATOR));
    for (const event of [
      { type: 'ticket.accept' },
      { type: 'ticket.start' },
      { type: 'ticket.resolve', resolution: 'Water pumped out, drain cleared' },
    ] as const)
      await timed(() => applyTicketEvent(deps, ticket.id, event, AGENCY));
    await moveTimersDue(deps.db, CONFIRMATION_TIMER_KEY, [{ ticketId: ticket.id, dueAt: new Date() }]);
    worker.poke();
  });
  return latencies;
}

/**
 * Waits until the worker has applied `expected` timer events in all and nothing is pending. The
 * database is polled only after that, so polling never competes with the firing it measures.
 */
async function untilTimersFired(db: Db, applied: AppliedTimers, expected: number): Promise<void> {
  await applied.reach(expected);
  while ((await countPendingTimers(db)) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Engine and baseline take turns, this many rounds each, so both see the same background load. */
const ROUNDS = 3;

/**
 * The baseline's tables and its unit of work: one plain transaction of one single-row UPDATE of a
 * ticket-like row and one INSERT of an event row, then a turn of the event loop as after a command.
 */
async function baselineStep(db: Db, rows: number): Promise<(i: number) => Promise<void>> {
  await db.exec(`
    create table bench_items (id integer primary key, state text not null, version integer not null,
      updated_at timestamptz not null);
    create table bench_item_events (seq bigint generated always as identity primary key,
      item_id integer not null, type text not null, payload jsonb not null, created_at timestamptz not null);`);
  await db.query(
    `insert into bench_items select n, 'registered', 1, now() from generate_series(1, $1::int) as n`,
    [rows],
  );
  return async (i) => {
    await db.transaction(async (tx) => {
      const id = (i % rows) + 1;
      await tx.query(
        'update bench_items set state = $2, version = version + 1, updated_at = $3 where id = $1',
        [id, 'accepted', new Date()],
      );
      await tx.query(
        'insert into bench_item_events (item_id, type, payload, created_at) values ($1, $2, $3, $4)',
        [id, 'ticket.accept', { step: i }, new Date()],
      );
    });
    await yieldToEventLoop();
  };
}

/** The engine, its timer worker, and how many tickets it has resolved so far (one close each). */
interface EngineRig {
  deps: EngineDeps;
  worker: TimerWorker;
  applied: AppliedTimers;
  resolved: number;
}

/** One engine round: `tickets` whole lifecycles, until their last timer has fired. */
async function engineRound(rig: EngineRig, tickets: number, concurrency: number) {
  const { deps, worker, applied } = rig;
  const eventsBefore = await countEvents(deps.db);
  const started = performance.now();
  const latencies = await runTickets(deps, worker, tickets, concurrency);
  const commandsDone = performance.now();
  rig.resolved += tickets;
  await untilTimersFired(deps.db, applied, rig.resolved);
  const done = performance.now();
  return {
    transitions: (await countEvents(deps.db)) - eventsBefore,
    ms: done - started,
    tailMs: done - commandsDone,
    latencies,
  };
}

/**
 * Sustained transitions per second through the engine while its timers fire, beside plain
 * update-and-insert transactions on the same database, in alternating rounds.
 */
export async function measureTransitions(
  kind: 'postgres' | 'pglite',
  url: string,
  tickets: number,
  concurrency: number,
): Promise<TransitionsResult> {
  const { db, drop } = await freshDatabase(kind, url);
  const applied = new AppliedTimers();
  const deps: EngineDeps = { db, clock: systemClock, cityTimeZone: CITY_TIME_ZONE };
  const worker = serverTimerWorker(deps, applied);
  try {
    await migrate(db);
    const rig: EngineRig = { deps, worker, applied, resolved: 0 };
    const step = await baselineStep(db, tickets);
    worker.start();
    await engineRound(rig, WARM_UP_TICKETS, concurrency);
    await inParallel(WARM_UP_TICKETS, concurrency, step);

    let transitions = 0;
    let engineMs = 0;
    let baselineMs = 0;
    let timerTailMs = 0;
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const share = Math.floor(tickets / ROUNDS) + (round < tickets % ROUNDS ? 1 : 0);
      const engine = await engineRound(rig, share, concurrency);
      transitions += engine.transitions;
      engineMs += engine.ms;
      timerTailMs = Math.max(timerTailMs, engine.tailMs);
      latencies.push(...engine.latencies);
      const started = performance.now();
      await inParallel(engine.transitions, concurrency, step);
      baselineMs += performance.now() - started;
    }
    latencies.sort((a, b) => a - b);
    const perSecond = transitions / (engineMs / 1000);
    const baselinePerSecond = transitions / (baselineMs / 1000);
    return {
      kind,
      transitions,
      perSecond,
      commandP50Ms: percentile(latencies, 0.5),
      commandP99Ms: percentile(latencies, 0.99),
      timerTailMs,
      baselinePerSecond,
      ratio: perSecond / baselinePerSecond,
    };
  } finally {
    await worker.stop();
    await drop();
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Measures both databases and renders the "Ticket transitions with timers" section of BENCHMARKS.md. */
export async function transitionsSection(url: string, concurrency: number): Promise<string> {
  const tickets = Number(process.env.BENCH_TRANSITION_TICKETS ?? 300);
  const results: TransitionsResult[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    process.stdout.write(`transitions on ${kind}: ${tickets} tickets, ${concurrency} at a time…\n`);
    results.push(await measureTransitions(kind, url, tickets, concurrency));
  }
  const rows = results.map(
    (r) =>
      `| ${r.kind} | ${fmt(r.transitions)} | ${fmt(r.perSecond)} | ${fmt(r.commandP50Ms, 1)} / ${fmt(r.commandP99Ms, 1)} | ${fmt(r.timerTailMs)} | ${fmt(r.baselinePerSecond)} | **${fmt(r.ratio, 2)}** |`,
  );
  return `## Ticket transitions with timers

${tickets} tickets, ${concurrency} in flight at a time, each taken through the engine (no HTTP): filed
(create → register → route to the agency, one transaction), accepted, started and resolved, each a
transaction that locks the ticket, steps the machine, writes the snapshot, its timer rows and the
event row under the event-log lock. Resolving writes the confirmation timer row, due in 72 h; the
bench then moves it to now (one \`UPDATE\`, counted in the engine's time), so the server's timer worker
(${SERVER_TIMER_BATCH} per batch, poked after every commit) closes tickets while others are still being
worked. **transitions/s**: event rows written ÷ time from the first command until the last close
committed (**tail**: after the last command). **Baseline:** the same number of plain transactions,
each one single-row \`UPDATE\` and one \`INSERT\` of an event row, over the same driver and concurrency.
The two take turns, ${ROUNDS} rounds each, so both see the same background load.

| database | transitions | transitions/s | command latency p50 / p99 (ms) | tail (ms) | baseline transactions/s | engine ÷ baseline |
|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

What the ratio says: the share of the database's bare write speed left once a transition pays for
the machine step, the row locks, the timer rows, the serialising event-log lock and (on the
worker's side) claiming and deleting due timers. Filing writes three events in one transaction and
the worker closes up to ${SERVER_TIMER_BATCH} tickets in one, so a ticket's seven transitions take four
command transactions, the bench's due-time update and a share of a worker batch; the baseline pays one
transaction per transition.
`;
}
