import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectPostgres, type Db, type Sql } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { cancelTimer, countPendingTimers, scheduleTimer, scheduleTimers } from '../../db/queries/timers.ts';
import { createLogger } from '../../server/logger.ts';
import { TimerWorker, type TimerHandler } from '../../server/timers/timer-worker.ts';
import { insertBareTickets, timerFactory } from '../support/timer-factories.ts';
import {
  createTestDatabase,
  DATABASE_KINDS,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../support/test-database.ts';

const TIMERS = 2000;
const WORKERS = 3;
const silent = createLogger('silent');

/** Locks the ticket the way the engine's `applyTicketEvent` does, then records the firing. */
const engineLikeHandler =
  (calls: Map<number, number>): TimerHandler =>
  async (tx, timer) => {
    calls.set(timer.id, (calls.get(timer.id) ?? 0) + 1);
    await tx.query('select id from tickets where id = $1 for update', [timer.ticketId]);
    await tx.query('insert into fired_timers (timer_id) values ($1)', [timer.id]);
  };

/** One connection pool per "process" on PostgreSQL; PGlite has one connection, shared. */
async function workerConnections(db: Db, count: number): Promise<Db[]> {
  if (db.kind === 'pglite') return Array.from({ length: count }, () => db);
  const [{ name }] = (await db.query<{ name: string }>('select current_database() as name')) as [
    { name: string },
  ];
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return Array.from({ length: count }, () => connectPostgres(url.toString(), { max: 2 }));
}

describe.each(DATABASE_KINDS)('durable timers under concurrency on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let tickets: number[];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await migrate(db);
    await db.exec('create table fired_timers (timer_id bigint not null)');
    tickets = await insertBareTickets(db, 50);
  });
  afterAll(() => database?.close());

  it(`${WORKERS} workers on separate connections fire each of ${TIMERS} timers exactly once`, async () => {
    const past = new Date(Date.now() - 60_000);
    await scheduleTimers(
      db,
      Array.from({ length: TIMERS }, (_, i) =>
        timerFactory(tickets[i % tickets.length]!, new Date(past.getTime() + i)),
      ),
    );
    const connections = await workerConnections(db, WORKERS);
    const calls = new Map<number, number>();
    const perWorker = connections.map(() => 0);
    const workers = connections.map(
      (conn, w) =>
        new TimerWorker(
          conn,
          async (tx, timer) => {
            perWorker[w]!++;
            await engineLikeHandler(calls)(tx, timer);
          },
          silent,
          () => new Date(),
          { batchSize: 25 },
        ),
    );
    try {
      for (const worker of workers) worker.start();
      await vi.waitFor(async () => expect(await countPendingTimers(db)).toBe(0), {
        timeout: 15_000,
        interval: 50,
      });
      await Promise.all(workers.map((w) => w.stop()));
    } finally {
      if (kind === 'postgres') await Promise.all(connections.map((c) => c.close()));
    }

    expect(calls.size).toBe(TIMERS);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    const [stored] = await db.query<{ n: number; distinct: number }>(
      'select count(*)::int as n, count(distinct timer_id)::int as distinct from fired_timers',
    );
    expect(stored).toEqual({ n: TIMERS, distinct: TIMERS });
    // On PostgreSQL the work is shared: every worker fired a part of it.
    if (kind === 'postgres') for (const n of perWorker) expect(n).toBeGreaterThan(0);
  });

  it('a command that cancels a timer while the worker fires it neither deadlocks nor lets both win', async () => {
    const [ticket] = await insertBareTickets(db, 1);
    const [conn] = await workerConnections(db, 1);
    await conn!.query('select 1');
    try {
      // Were the ticket not locked with the timer, PostgreSQL would see a deadlock here: the worker
      // holding the timer row and waiting for the ticket, the command holding the ticket and waiting
      // for the timer row. With it, whoever comes second waits or skips. On PGlite, one at a time.
      for (const commandFirst of [false, true]) {
        await scheduleTimer(db, timerFactory(ticket!, new Date(Date.now() - 1000), { key: 'ack' }));
        let fired = false;
        const worker = new TimerWorker(
          conn!,
          async (tx: Sql, timer) => {
            fired = true;
            // The engine reads and locks the ticket only once the timer row is held.
            await sleep(30);
            await tx.query('select id from tickets where id = $1 for update', [timer.ticketId]);
          },
          silent,
          () => new Date(),
        );
        // The command locks the ticket first, then cancels its timer, as the engine does.
        const runCommand = () =>
          db.transaction(async (tx) => {
            await tx.query('select id from tickets where id = $1 for update', [ticket]);
            await sleep(30);
            return cancelTimer(tx, ticket!, 'ack');
          });
        const startLater = <T>(run: () => Promise<T>) => sleep(15).then(run);
        const [result, cancelled] = await Promise.all([
          commandFirst ? startLater(() => worker.fireDue()) : worker.fireDue(),
          commandFirst ? runCommand() : startLater(runCommand),
        ]);
        expect({ fired: result.fired, cancelled, handlerRan: fired }).toEqual(
          commandFirst
            ? { fired: 0, cancelled: true, handlerRan: false }
            : { fired: 1, cancelled: false, handlerRan: true },
        );
        await db.query('delete from ticket_timers');
      }
    } finally {
      if (kind === 'postgres') await conn!.close();
    }
  });

  it.skipIf(kind === 'pglite')(
    'a worker holds nothing of a timer whose ticket another transaction holds',
    async () => {
      const [busy, free] = (await insertBareTickets(db, 2)) as [number, number];
      const due = new Date(Date.now() - 1000);
      await scheduleTimer(db, timerFactory(busy, due, { key: 'busy' }));
      await scheduleTimer(db, timerFactory(free, due, { key: 'free' }));
      const [conn] = await workerConnections(db, 1);
      let inHandler!: () => void;
      const handlerEntered = new Promise<void>((resolve) => (inHandler = resolve));
      let releaseHandler!: () => void;
      const handlerGate = new Promise<void>((resolve) => (releaseHandler = resolve));
      let releaseCommand!: () => void;
      const commandGate = new Promise<void>((resolve) => (releaseCommand = resolve));
      let commandHolds!: () => void;
      const commandLocked = new Promise<void>((resolve) => (commandHolds = resolve));
      try {
        // A command holds the busy ticket, as the engine does while it works on it.
        const command = db.transaction(async (tx) => {
          await tx.query('select id from tickets where id = $1 for update', [busy]);
          commandHolds();
          await commandGate;
        });
        await commandLocked;
        const worker = new TimerWorker(
          conn!,
          async () => {
            inHandler();
            await handlerGate;
          },
          silent,
          () => new Date(),
        );
        const firing = worker.fireDue();
        await handlerEntered;
        // Mid-batch, the busy ticket's timer is free for the command to cancel.
        const [timer] = await db.query<{ id: number }>(
          "select id from ticket_timers where key = 'busy' for update nowait",
        );
        expect(timer).toBeDefined();
        releaseHandler();
        expect((await firing).fired).toBe(1);
        releaseCommand();
        await command;
        expect((await worker.fireDue()).fired).toBe(1);
      } finally {
        await conn!.close();
      }
    },
  );
});
