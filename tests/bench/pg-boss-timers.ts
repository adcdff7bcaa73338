import { PGlite } from '@electric-sql/pglite';
import { fromPglite, PgBoss } from 'pg-boss';
import { z } from 'zod';
import { freshDatabase } from './bench-database.ts';
import type { Db, Sql } from '../../db/client.ts';
import {
  ANALYZE,
  applyStandIn,
  FireLog,
  prepareBenchDatabase,
  schedule,
  waitForFired,
  type Kind,
  type Measured,
  type Plan,
} from './timer-harness.ts';

const QUEUE = 'ticket-timers';
const JobData = z.object({ i: z.number().int(), ticketId: z.number().int() });

/**
 * pg-boss: jobs inserted with `startAfter`, polled by workers at the shortest interval it allows,
 * fetching without pause while batches come back full. Plain workers: the handler applies its events
 * in a transaction of its own, then pg-boss completes the jobs in another. Transactional workers:
 * handler and completion share one transaction on pg-boss's own pool (the claim commits before).
 */
export async function runPgBoss(
  kind: Kind,
  url: string,
  plan: Plan,
  transactional: boolean,
): Promise<Measured> {
  const pglite = kind === 'pglite' ? await PGlite.create() : null;
  const target = pglite ? null : await freshDatabase(kind, url);
  const sink: Db = pglite ? pgliteAsDb(pglite) : target!.db;
  const bosses: PgBoss[] = [];
  try {
    const common = { schedule: false, registerInstance: false } as const;
    for (let w = 0; w < plan.workers; w++) {
      const boss = pglite
        ? new PgBoss({ ...common, db: fromPglite(pglite), backend: 'pglite' })
        : new PgBoss({ ...common, connectionString: target!.url!, max: 3 });
      boss.on('error', (err) => process.stderr.write(`pg-boss: ${String(err)}\n`));
      await boss.start();
      bosses.push(boss);
    }
    await bosses[0]!.createQueue(QUEUE);
    const tickets = await prepareBenchDatabase(sink);
    const scheduled = await schedule(plan, async (from, dueAts) => {
      const jobs = dueAts.map((dueAt, j) => ({
        data: { i: from + j, ticketId: tickets[(from + j) % tickets.length]! },
        startAfter: new Date(dueAt),
      }));
      await bosses[0]!.insert(QUEUE, jobs);
    });
    await sink.exec(ANALYZE);

    const log = new FireLog(plan.fires);
    const polling = { batchSize: plan.batchSize, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true };
    for (const boss of bosses) {
      if (transactional) {
        await boss.work(QUEUE, { ...polling, transactional: true }, async (jobs, tx) => {
          for (const job of jobs) {
            const { i, ticketId } = JobData.parse(job.data);
            log.record(i);
            await applyStandIn((text, params) => tx.executeSql(text, params), ticketId, i);
          }
        });
      } else {
        await boss.work(QUEUE, polling, (jobs) =>
          sink.transaction(async (tx) => {
            for (const job of jobs) {
              const { i, ticketId } = JobData.parse(job.data);
              log.record(i);
              await applyStandIn((text, params) => tx.query(text, params), ticketId, i);
            }
          }),
        );
      }
    }
    const fired = await waitForFired(sink, log, plan.fires);
    return { firedAt: log.firedAt, order: log.order, ...scheduled, ...fired };
  } finally {
    await Promise.all(bosses.map((b) => b.stop({ graceful: true, timeout: 10_000 })));
    await pglite?.close();
    await target?.drop();
  }
}

/** The raw PGlite pg-boss runs on, behind our `Db` interface so handlers write the same way. */
function pgliteAsDb(pg: PGlite): Db {
  const wrap = (runner: Pick<PGlite, 'query'>): Sql => ({
    query: async <T>(text: string, params: readonly unknown[] = []) =>
      (await runner.query<T>(text, params as unknown[])).rows,
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    exec: async (text) => void (await pg.exec(text)),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    listen: (channel, onNotify) => pg.listen(channel, onNotify),
    close: () => pg.close(),
  };
}

/** Statements per second through one driver: a baseline for what a handler's own work costs. */
export interface DriverBaseline {
  komekPerSecond: number;
  pgBossPerSecond: number;
}

/**
 * The same parameterised statement, one after another in one transaction, through our `postgres`
 * client and through the `pg` pool pg-boss hands a transactional handler: the handlers above run
 * their stand-in work through these, so this separates driver speed from timer machinery.
 */
export async function measureDrivers(url: string, statements = 5000): Promise<DriverBaseline> {
  const target = await freshDatabase('postgres', url);
  const boss = new PgBoss({
    connectionString: target.url!,
    max: 2,
    schedule: false,
    registerInstance: false,
  });
  try {
    await boss.start();
    const time = async (run: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 200; i++) await run(i); // warm-up
      const started = performance.now();
      for (let i = 0; i < statements; i++) await run(i);
      return statements / ((performance.now() - started) / 1000);
    };
    const komekPerSecond = await target.db.transaction((tx) =>
      time((i) => tx.query('select $1::int as i', [i])),
    );
    const handle = await boss.getDb().beginTransaction!();
    const pgBossPerSecond = await time((i) => handle.db.executeSql('select $1::int as i', [i]));
    await handle.commit();
    return { komekPerSecond, pgBossPerSecond };
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 });
    await target.drop();
  }
}
