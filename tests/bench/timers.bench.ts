import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { connectPostgres, type Db } from '../../db/client.ts';
import { scheduleTimers } from '../../db/queries/timers.ts';
import { createLogger } from '../../server/logger.ts';
import { TimerWorker } from '../../server/timers/timer-worker.ts';
import { runPgBoss } from './pg-boss-timers.ts';
import {
  ANALYZE,
  applyStandIn,
  BENCH_TICKETS,
  FireLog,
  freshDatabase,
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

/** How fast and how late one system fired timers on one database; `note` says why it could not run. */
export interface TimerBenchResult {
  kind: 'postgres' | 'pglite';
  system: TimerSystem;
  workers: number;
  timers: number;
  scheduleSeconds: number;
  firedPerSecond: number;
  lateP50Ms: number;
  lateP99Ms: number;
  lateMaxMs: number;
  /** Committed firings beyond one per timer (must be 0). */
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
  catchUpTimers: number;
}

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
    const log = new FireLog(plan.timers);
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
    const fired = await waitForFired(db, log, plan.timers);
    await Promise.all(workers.map((w) => w.stop()));
    return { firedAt: log.firedAt, order: log.order, ...scheduled, ...fired };
  } finally {
    if (target.url) await Promise.all(pools.map((p) => p.close()));
    await target.drop();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const run = (kind: Kind, system: TimerSystem, url: string, plan: Plan) =>
  system === 'komek' ? runKomek(kind, url, plan) : runPgBoss(kind, url, plan, system !== 'pg-boss');

/**
 * Schedules `timers` all due at one moment (far enough ahead for scheduling to finish) and times how
 * fast and how late one system fires them; then, on a fresh database, how it catches up on timers
 * that fell due during downtime, scheduled in reverse due order.
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
    scheduleSeconds: 0,
    firedPerSecond: 0,
    lateP50Ms: 0,
    lateP99Ms: 0,
    lateMaxMs: 0,
    duplicates: 0,
    catchUpTimers: o.catchUpTimers,
    catchUpOutOfOrder: 0,
    note: null,
  };
  try {
    const leadMs = Number(process.env.BENCH_TIMER_LEAD_MS ?? 3000 + o.timers * LEAD_MS_PER_TIMER);
    const m = await run(kind, system, o.url, {
      timers: o.timers,
      workers,
      batchSize: o.batchSize,
      dueAt: (_i, started) => started + leadMs,
    });
    const dueAt = m.scheduleStarted + leadMs;
    const late = m.firedAt.map((t) => t - dueAt).sort((a, b) => a - b);
    result.scheduleSeconds = m.scheduleSeconds;
    result.firedPerSecond = o.timers / ((m.done - dueAt) / 1000);
    result.lateP50Ms = percentile(late, 0.5);
    result.lateP99Ms = percentile(late, 0.99);
    result.lateMaxMs = late.at(-1) ?? 0;
    result.duplicates = m.duplicates;

    // Timer i is due i ms earlier than timer i-1, all of them before the worker starts.
    const catchUp = await run(kind, system, o.url, {
      timers: o.catchUpTimers,
      workers: 1,
      batchSize: o.batchSize,
      dueAt: (i, started) => started - 60_000 - i,
    });
    // In due order, i goes down: a firing whose i is above the one before it came out of order.
    result.catchUpOutOfOrder = catchUp.order.filter((i, k) => k > 0 && i > catchUp.order[k - 1]!).length;
  } catch (err) {
    result.note = err instanceof Error ? err.message : String(err);
  }
  return result;
}

const SYSTEMS: readonly TimerSystem[] = ['komek', 'pg-boss', 'pg-boss transactional'];

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function row(r: TimerBenchResult, komek: TimerBenchResult | undefined): string {
  const name = r.system === 'komek' ? '**komek**' : r.system;
  if (r.note) return `| ${r.kind} | ${name} | ${r.workers} | could not run: ${r.note} | | | | |`;
  const ratio = komek && !komek.note ? `**${fmt(komek.firedPerSecond / r.firedPerSecond, 2)}**` : '–';
  const late = `${fmt(r.lateP50Ms)} / ${fmt(r.lateP99Ms)} / ${fmt(r.lateMaxMs)}`;
  return `| ${r.kind} | ${name} | ${r.workers} | ${fmt(r.firedPerSecond)} | ${late} | ${r.duplicates} | ${r.catchUpOutOfOrder} of ${fmt(r.catchUpTimers - 1)} | ${ratio} |`;
}

/** Runs every system on both databases and renders the "Durable timers" section of BENCHMARKS.md. */
export async function timersSection(url: string): Promise<string> {
  const o: TimerBenchOptions = {
    url,
    timers: Number(process.env.BENCH_TIMERS ?? 20_000),
    workers: Number(process.env.BENCH_TIMER_WORKERS ?? 3),
    batchSize: Number(process.env.BENCH_TIMER_BATCH ?? 100),
    catchUpTimers: 1000,
  };
  const results: TimerBenchResult[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    for (const system of SYSTEMS) {
      process.stdout.write(`timers on ${kind}, ${system}: ${o.timers} due at once…\n`);
      results.push(await measureTimers(kind, system, o));
    }
  }
  const komekOn = (kind: Kind) => results.find((r) => r.kind === kind && r.system === 'komek');
  const pgBossVersion = (
    JSON.parse(readFileSync(new URL('../../node_modules/pg-boss/package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;
  return `## Durable timers

${fmt(o.timers)} pending timers spread over ${fmt(BENCH_TICKETS)} tickets, all due at one moment a few
seconds after scheduling ends, fired by ${o.workers} worker processes (each on its own connection pool)
on PostgreSQL and by one on PGlite (a single connection), ${o.batchSize} timers per batch. Each firing
does the same stand-in for applying the ticket event, in the transaction it is given: it locks the
ticket (as the engine does) and writes one row.
**fired/s**: timers ÷ time from the due moment until the last firing committed. **late**: when the
handler ran minus the due time. **doubles**: firings committed twice (must be 0). **catch-up**:
${fmt(o.catchUpTimers)} timers that fell due during downtime, scheduled in reverse due order, then one
worker started: consecutive firings out of due order (0 = strictly in due order). Both systems get
fresh statistics (\`ANALYZE\`) after scheduling, as autovacuum gives a running service.

- **komek**: \`ticket_timers\` and \`TimerWorker\`: claim due rows \`FOR UPDATE SKIP LOCKED\` (with their
  tickets), run the handler, delete the rows, commit: one transaction per batch; sleeps until the next
  due time.
- **pg-boss** ${pgBossVersion}: jobs inserted with \`startAfter\`, \`work()\` with the same \`batchSize\`, the
  shortest polling interval it allows (0.5 s) and \`burstWhenBatchFull\`. The handler writes in its own
  transaction; pg-boss then completes the jobs in another.
- **pg-boss transactional**: the same with \`transactional: true\`: the claim commits first, then the
  handler's writes and the completion share one transaction on pg-boss's own \`pg\` pool.

| database | system | workers | fired/s | late p50 / p99 / max (ms) | doubles | catch-up out of order | komek ÷ this (fired/s) |
|---|---|---:|---:|---:|---:|---:|---:|
${results.map((r) => row(r, komekOn(r.kind))).join('\n')}
`;
}
