import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { freshDatabase } from './bench-database.ts';
import { connectPostgres, type Db } from '../../db/client.ts';
import { scheduleTimers } from '../../db/queries/timers.ts';
import { createLogger } from '../../server/logger.ts';
import { TimerWorker } from '../../server/timers/timer-worker.ts';
import { measureDrivers, runPgBoss } from './pg-boss-timers.ts';
import {
  ANALYZE,
  applyStandIn,
  BENCH_TICKETS,
  FireLog,
  prepareBenchDatabase,
  schedule,
  waitForFired,
  type Kind,
  type Measured,
  type Plan,
} from './timer-harness.ts';

/** Lead before the due moment: 3 s plus this much per timer, so scheduling always ends first. */
const LEAD_MS_PER_TIMER = 0.3;
const BenchEvent = z.object({ type: z.literal('bench.fire'), i: z.number().int() });

/** One way of firing timers: our table and TimerWorker, or pg-boss jobs with `startAfter`. */
export type TimerSystem = 'komek' | 'pg-boss' | 'pg-boss transactional';

/** Lateness of the timers one phase fired: firing time minus due time, in ms. */
export interface Lateness {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** How fast and how late one system fired timers on one database; `note` says why it could not run. */
export interface TimerBenchResult {
  kind: 'postgres' | 'pglite';
  system: TimerSystem;
  workers: number;
  /** Pending timers in the burst and steady phases. */
  timers: number;
  /** Burst: every timer due at one moment. */
  burstPerSecond: number;
  burstLate: Lateness;
  /** Steady: of the pending timers, these fall due evenly over STEADY_SPREAD_MS, the rest a day later. */
  steadyFires: number;
  steadyLate: Lateness;
  /** Committed firings beyond one per timer, over all phases (must be 0). */
  duplicates: number;
  /** Catch-up after downtime: timers scheduled in reverse due order, all overdue, one worker. */
  catchUpTimers: number;
  /** Of those, consecutive firings where a later-due timer went before an earlier-due one. */
  catchUpOutOfOrder: number;
  note: string | null;
}

/** Sizes of one measurement. */
export interface TimerBenchOptions {
  url: string;
  timers: number;
  /** Worker processes (connection pools) on PostgreSQL; PGlite has one connection, so one worker. */
  workers: number;
  batchSize: number;
  steadyFires: number;
  catchUpTimers: number;
}

/** The steady phase's timers fall due over this window. */
export const STEADY_SPREAD_MS = 10_000;

/** Our table and TimerWorker: one transaction per batch applies each event and deletes its row. */
async function runKomek(kind: Kind, url: string, plan: Plan): Promise<Measured> {
  const target = await freshDatabase(kind, url);
  const pools: Db[] = [];
  try {
    const { db } = target;
    const tickets = await prepareBenchDatabase(db);
    const scheduled = await schedule(plan, (from, dueAts) =>
      scheduleTimers(
        db,
        dueAts.map((dueAt, j) => ({
          ticketId: tickets[(from + j) % tickets.length]!,
          key: `bench.${from + j}`,
          event: { type: 'bench.fire', i: from + j },
          dueAt: new Date(dueAt),
          createdAt: new Date(),
        })),
      ),
    );
    await db.exec(ANALYZE);

    if (target.url)
      for (let w = 0; w < plan.workers; w++) pools.push(connectPostgres(target.url, { max: 2 }));
    else pools.push(db);
    const log = new FireLog(plan.fires);
    const workers = pools.map(
      (pool) =>
        new TimerWorker(
          pool,
          async (tx, timer) => {
            const { i } = BenchEvent.parse(timer.event);
            log.record(i);
            await applyStandIn((text, params) => tx.query(text, params), timer.ticketId, i);
          },
          createLogger('silent'),
          () => new Date(),
          { batchSize: plan.batchSize },
        ),
    );
    for (const worker of workers) worker.start();
    const fired = await waitForFired(db, log, plan.fires);
    await Promise.all(workers.map((w) => w.stop()));
    return { firedAt: log.firedAt, order: log.order, ...scheduled, ...fired };
  } finally {
    if (target.url) await Promise.all(pools.map((p) => p.close()));
    await target.drop();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function lateness(plan: Plan, m: Measured): Lateness {
  const late = m.order.map((i, k) => m.firedAt[k]! - plan.dueAt(i, m.scheduleStarted)).sort((a, b) => a - b);
  return { p50Ms: percentile(late, 0.5), p99Ms: percentile(late, 0.99), maxMs: late.at(-1) ?? 0 };
}

const run = (kind: Kind, system: TimerSystem, url: string, plan: Plan) =>
  system === 'komek' ? runKomek(kind, url, plan) : runPgBoss(kind, url, plan, system !== 'pg-boss');

const NO_LATENESS: Lateness = { p50Ms: 0, p99Ms: 0, maxMs: 0 };

/**
 * Three phases, each on a fresh database. Burst: `timers` all due at one moment, far enough ahead
 * for scheduling to finish: how fast they fire and how late. Steady: `timers` pending, `steadyFires`
 * of them falling due over 10 s: how late each fires with a big table behind it. Catch-up: timers
 * that fell due during downtime, scheduled in reverse due order: does the worker fire them in due order.
 */
export async function measureTimers(
  kind: Kind,
  system: TimerSystem,
  o: TimerBenchOptions,
): Promise<TimerBenchResult> {
  const workers = kind === 'pglite' ? 1 : o.workers;
  const result: TimerBenchResult = {
    kind,
    system,
    workers,
    timers: o.timers,
    burstPerSecond: 0,
    burstLate: NO_LATENESS,
    steadyFires: o.steadyFires,
    steadyLate: NO_LATENESS,
    duplicates: 0,
    catchUpTimers: o.catchUpTimers,
    catchUpOutOfOrder: 0,
    note: null,
  };
  const leadMs = Number(process.env.BENCH_TIMER_LEAD_MS ?? 3000 + o.timers * LEAD_MS_PER_TIMER);
  const common = { timers: o.timers, workers, batchSize: o.batchSize };
  try {
    const burst: Plan = { ...common, fires: o.timers, dueAt: (_i, started) => started + leadMs };
    const b = await run(kind, system, o.url, burst);
    result.burstPerSecond = o.timers / ((b.done - burst.dueAt(0, b.scheduleStarted)) / 1000);
    result.burstLate = lateness(burst, b);

    const steady: Plan = {
      ...common,
      fires: o.steadyFires,
      dueAt: (i, started) =>
        i < o.steadyFires
          ? started + leadMs + Math.floor((i * STEADY_SPREAD_MS) / o.steadyFires)
          : started + 86_400_000 + i,
    };
    const s = await run(kind, system, o.url, steady);
    result.steadyLate = lateness(steady, s);

    // Timer i is due i ms earlier than timer i-1, all of them before the worker starts.
    const catchUpPlan: Plan = {
      timers: o.catchUpTimers,
      fires: o.catchUpTimers,
      workers: 1,
      batchSize: o.batchSize,
      dueAt: (i, started) => started - 60_000 - i,
    };
    const c = await run(kind, system, o.url, catchUpPlan);
    // In due order, i goes down: a firing whose i is above the one before it came out of order.
    result.catchUpOutOfOrder = c.order.filter((i, k) => k > 0 && i > c.order[k - 1]!).length;
    result.duplicates = b.duplicates + s.duplicates + c.duplicates;
  } catch (err) {
    result.note = err instanceof Error ? err.message : String(err);
  }
  return result;
}

const SYSTEMS: readonly TimerSystem[] = ['komek', 'pg-boss', 'pg-boss transactional'];

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const late = (l: Lateness) => `${fmt(l.p50Ms)} / ${fmt(l.p99Ms)} / ${fmt(l.maxMs)}`;

function row(r: TimerBenchResult, komek: TimerBenchResult | undefined): string {
  const name = r.system === 'komek' ? '**komek**' : r.system;
  if (r.note) return `| ${r.kind} | ${name} | ${r.workers} | could not run: ${r.note} | | | | | |`;
  const ratio = komek && !komek.note ? `**${fmt(komek.burstPerSecond / r.burstPerSecond, 2)}**` : '–';
  return `| ${r.kind} | ${name} | ${r.workers} | ${fmt(r.burstPerSecond)} | ${late(r.burstLate)} | ${late(r.steadyLate)} | ${r.duplicates} | ${r.catchUpOutOfOrder} of ${fmt(r.catchUpTimers - 1)} | ${ratio} |`;
}

/** Runs every system on both databases and renders the "Durable timers" section of BENCHMARKS.md. */
export async function timersSection(url: string): Promise<string> {
  const timers = Number(process.env.BENCH_TIMERS ?? 20_000);
  const o: TimerBenchOptions = {
    url,
    timers,
    workers: Number(process.env.BENCH_TIMER_WORKERS ?? 3),
    batchSize: Number(process.env.BENCH_TIMER_BATCH ?? 100),
    steadyFires: Math.min(2000, Math.ceil(timers / 10)),
    catchUpTimers: 1000,
  };
  const results: TimerBenchResult[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    for (const system of SYSTEMS) {
      process.stdout.write(`timers on ${kind}, ${system}: ${fmt(o.timers)} pending…\n`);
      results.push(await measureTimers(kind, system, o));
    }
  }
  process.stdout.write('driver baseline on postgres…\n');
  const drivers = await measureDrivers(url);
  const komekOn = (kind: Kind) => results.find((r) => r.kind === kind && r.system === 'komek');
  return `## Durable timers

${fmt(o.timers)} pending timers spread over ${fmt(BENCH_TICKETS)} tickets, fired by ${o.workers} worker
processes (each on its own connection pool) on PostgreSQL and by one on PGlite (one connection),
${o.batchSize} per batch. Each firing does the same stand-in for applying the ticket event, in the
transaction it is given: lock the ticket (as the engine does), write one row. Three phases, each on a
fresh database, with fresh statistics (\`ANALYZE\`, as autovacuum gives a running service):

- **burst**: all ${fmt(o.timers)} due at one moment, a few seconds after scheduling ends. **fired/s**:
  timers ÷ time from that moment until the last firing committed; **late**: when the handler ran
  minus the due time.
- **steady**: ${fmt(o.timers)} pending, ${fmt(o.steadyFires)} of them falling due evenly over
  ${STEADY_SPREAD_MS / 1000} s and the rest a day later: how late each fires with a big table behind it.
- **catch-up**: ${fmt(o.catchUpTimers)} timers that fell due during downtime, scheduled in reverse due
  order, then one worker started: consecutive firings out of due order (0 = strictly in due order).

**doubles**: firings committed twice, over all phases (must be 0). The systems:

- **komek**: \`ticket_timers\` and \`TimerWorker\`: claim due rows \`FOR UPDATE SKIP LOCKED\` with their
  tickets, run the handler, delete the rows, commit, one transaction per batch; sleeps until the next
  due time.
- **pg-boss** ${pgBossVersion()}: jobs inserted with \`startAfter\`, \`work()\` with the same \`batchSize\`,
  the shortest polling interval it allows (0.5 s) and \`burstWhenBatchFull\`. The handler writes in a
  transaction of its own; pg-boss then completes the jobs in another.
- **pg-boss transactional**: the same with \`transactional: true\`: the claim commits first, then the
  handler's writes and the completion share one transaction on pg-boss's own \`pg\` pool.

| database | system | workers | burst fired/s | burst late p50 / p99 / max (ms) | steady late p50 / p99 / max (ms) | doubles | catch-up out of order | komek ÷ this (burst fired/s) |
|---|---|---:|---:|---:|---:|---:|---:|---:|
${results.map((r) => row(r, komekOn(r.kind))).join('\n')}

**Baseline (PostgreSQL, same run):** one parameterised statement after another in one transaction
runs at ${fmt(drivers.komekPerSecond)}/s through Komek's \`postgres\` client (\`unsafe()\`, unprepared) and
at ${fmt(drivers.pgBossPerSecond)}/s through the \`pg\` pool pg-boss hands a transactional handler
(${fmt(drivers.pgBossPerSecond / drivers.komekPerSecond, 2)}×). The stand-in work runs on those drivers, so
on PostgreSQL part of any burst gap between komek and pg-boss transactional is the driver, not the
timer table. On PGlite every system runs on the same connection.
`;
}

function pgBossVersion(): string {
  const url = new URL('../../node_modules/pg-boss/package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
