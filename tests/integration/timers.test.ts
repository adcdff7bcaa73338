import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import {
  cancelTicketTimers,
  cancelTimer,
  countPendingTimers,
  deleteTimer,
  findTimer,
  nextDueAt,
  scheduleTimer,
  scheduleTimers,
  type DueTimer,
} from '../../db/queries/timers.ts';
import { systemClock } from '../../server/clock.ts';
import { createLogger } from '../../server/logger.ts';
import { TimerWorker, type TimerHandler } from '../../server/timers/timer-worker.ts';
import { insertBareTickets, timerFactory } from '../support/timer-factories.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const T0 = new Date('2026-11-25T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const silent = createLogger('silent');

describe.each(DATABASE_KINDS)('durable timers on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let tickets: number[];
  let now: Date;
  const clock = () => now;

  /** A worker on the test's clock whose handler records what it was given, in order. */
  const recordingWorker = (options: ConstructorParameters<typeof TimerWorker>[4] = {}) => {
    const fired: DueTimer[] = [];
    const worker = new TimerWorker(db, async (_tx, timer) => void fired.push(timer), silent, clock, options);
    return { worker, fired };
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await migrate(db);
    tickets = await insertBareTickets(db, 20);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    now = T0;
    await db.query('delete from ticket_timers');
  });

  it('schedules, replaces on the same key, cancels one or all of a ticket, and reports what is pending', async () => {
    const [a, b] = tickets as [number, number];
    expect(await nextDueAt(db)).toBeNull();
    const id = await scheduleTimer(db, timerFactory(a, at(5000), { key: 'ack' }));
    await scheduleTimer(db, timerFactory(a, at(9000), { key: 'resolve' }));
    await scheduleTimers(db, [timerFactory(b, at(3000), { key: 'ack' }), timerFactory(b, at(7000))]);
    expect(await countPendingTimers(db)).toBe(4);
    expect(await nextDueAt(db)).toEqual(at(3000));

    const replacedId = await scheduleTimer(
      db,
      timerFactory(b, at(8000), { key: 'ack', event: { type: 'ticket.escalate', level: 2 } }),
    );
    expect(await countPendingTimers(db)).toBe(4);
    expect(await findTimer(db, b, 'ack')).toMatchObject({
      id: replacedId,
      dueAt: at(8000),
      event: { type: 'ticket.escalate', level: 2 },
      attempts: 0,
    });
    expect(await nextDueAt(db)).toEqual(at(5000));

    expect(await cancelTimer(db, a, 'ack')).toBe(true);
    expect(await cancelTimer(db, a, 'ack')).toBe(false);
    expect(await findTimer(db, a, 'ack')).toBeUndefined();
    expect(id).toBeGreaterThan(0);
    expect(await cancelTicketTimers(db, b)).toBe(2);
    expect(await countPendingTimers(db)).toBe(1);
    expect(await nextDueAt(db)).toEqual(at(9000));
    await deleteTimer(db, (await findTimer(db, a, 'resolve'))!.id);
    expect(await countPendingTimers(db)).toBe(0);
  });

  it('after downtime, fires every overdue timer at start, in due order, batch by batch', async () => {
    // Scheduled in shuffled order, with ties on due_at (broken by id, i.e. scheduling order).
    const timers = Array.from({ length: 230 }, (_, i) =>
      timerFactory(tickets[i % tickets.length]!, at(-((i * 7919) % 97) * 1000)),
    );
    await scheduleTimers(db, timers);
    now = at(60_000);
    const { worker, fired } = recordingWorker({ batchSize: 40 });
    worker.start();
    await vi.waitFor(() => expect(fired).toHaveLength(230), { timeout: 5000, interval: 10 });
    await worker.stop();

    const expected = [...fired].sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || x.id - y.id);
    expect(fired.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    expect(await countPendingTimers(db)).toBe(0);
  });

  it('never fires a cancelled timer, and fires a rescheduled key once, at its new time', async () => {
    const [a] = tickets as [number];
    await scheduleTimer(db, timerFactory(a, at(10_000), { key: 'cancelled' }));
    await scheduleTimer(db, timerFactory(a, at(10_000), { key: 'moved', event: { type: 'old' } }));
    await cancelTimer(db, a, 'cancelled');
    await scheduleTimer(db, timerFactory(a, at(20_000), { key: 'moved', event: { type: 'new' } }));
    const { worker, fired } = recordingWorker();

    now = at(15_000);
    expect(await worker.fireDue()).toEqual({ fired: 0, failed: 0, more: false });
    now = at(20_000);
    expect((await worker.fireDue()).fired).toBe(1);
    now = at(3_600_000);
    expect((await worker.fireDue()).fired).toBe(0);
    expect(fired.map((t) => [t.key, t.event, t.dueAt])).toEqual([['moved', { type: 'new' }, at(20_000)]]);
  });

  it("commits the handler's writes with the deletion, and rolls back only a failing handler's writes", async () => {
    const [a, b, c] = tickets as [number, number, number];
    for (const ticket of [a, b, c]) await scheduleTimer(db, timerFactory(ticket, at(0), { key: 'ack' }));
    const handler: TimerHandler = async (tx, timer) => {
      await tx.query("update tickets set description = 'fired' where id = $1", [timer.ticketId]);
      if (timer.ticketId === b) throw new Error('agency directory unreachable');
    };
    const worker = new TimerWorker(db, handler, silent, clock, { maxAttempts: 3 });

    expect(await worker.fireDue()).toEqual({ fired: 2, failed: 1, more: false });
    const rows = await db.query<{ id: number; description: string }>(
      'select id, description from tickets where id = any($1::int[]) order by id',
      [[a, b, c]],
    );
    expect(rows.map((r) => r.description === 'fired')).toEqual([true, false, true]);
    expect(await findTimer(db, a, 'ack')).toBeUndefined();
    expect(await findTimer(db, b, 'ack')).toMatchObject({ attempts: 1, failedAt: null });
  });

  it("records handlers' database errors as failed attempts and still commits the rest of the batch", async () => {
    // Tickets no other test writes to.
    const [a, b, c, d] = tickets.slice(10) as [number, number, number, number];
    for (const ticket of [a, b, c, d]) await scheduleTimer(db, timerFactory(ticket, at(0), { key: 'ack' }));
    const worker = new TimerWorker(
      db,
      async (tx, timer) => {
        await tx.query("update tickets set description = 'fired' where id = $1", [timer.ticketId]);
        if (timer.ticketId === b || timer.ticketId === c) await tx.query('select 1 / 0');
      },
      silent,
      clock,
    );

    expect(await worker.fireDue()).toEqual({ fired: 2, failed: 2, more: false });
    for (const ticket of [b, c])
      expect(await findTimer(db, ticket, 'ack')).toMatchObject({
        attempts: 1,
        lastError: 'division by zero',
      });
    const fired = await db.query<{ id: number }>(
      "select id from tickets where id = any($1::int[]) and description = 'fired' order by id",
      [[a, b, c, d]],
    );
    expect(fired.map((r) => r.id)).toEqual([a, d]);
  });

  it('retries a throwing handler with doubling backoff, then gives up and keeps the row for inspection', async () => {
    const [a] = tickets as [number];
    await scheduleTimer(db, timerFactory(a, at(0), { key: 'ack' }));
    const logs: { level: number; msg: string; attempts?: number }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    let calls = 0;
    const worker = new TimerWorker(
      db,
      async () => {
        calls++;
        throw new Error(`attempt ${calls} failed`);
      },
      logger,
      clock,
      { maxAttempts: 3, retryBaseMs: 1000 },
    );

    expect((await worker.fireDue()).failed).toBe(1);
    expect(await findTimer(db, a, 'ack')).toMatchObject({
      attempts: 1,
      lastError: 'attempt 1 failed',
      lockedUntil: at(1000),
      dueAt: at(0),
    });
    expect(await nextDueAt(db)).toEqual(at(1000));
    now = at(999);
    expect((await worker.fireDue()).failed).toBe(0);
    now = at(1000);
    expect((await worker.fireDue()).failed).toBe(1);
    expect(await findTimer(db, a, 'ack')).toMatchObject({ attempts: 2, lockedUntil: at(3000) });
    now = at(3000);
    expect((await worker.fireDue()).failed).toBe(1);
    expect(await findTimer(db, a, 'ack')).toMatchObject({
      attempts: 3,
      lastError: 'attempt 3 failed',
      lockedUntil: null,
      failedAt: at(3000),
    });
    now = at(86_400_000);
    expect(await worker.fireDue()).toEqual({ fired: 0, failed: 0, more: false });
    expect(calls).toBe(3);
    expect(await countPendingTimers(db)).toBe(0);
    expect(await nextDueAt(db)).toBeNull();
    expect(logs.map((l) => [l.level, l.msg, l.attempts])).toEqual([
      [40, 'timer failed, will retry', 1],
      [40, 'timer failed, will retry', 2],
      [50, 'timer given up after its last attempt', 3],
    ]);

    // Scheduling the key again revives it with a clean record.
    await scheduleTimer(db, timerFactory(a, at(86_400_000), { key: 'ack' }));
    expect(await findTimer(db, a, 'ack')).toMatchObject({ attempts: 0, lastError: null, failedAt: null });
  });

  it('runs after-commit work only for timers whose work committed', async () => {
    const [a, b] = tickets as [number, number];
    await scheduleTimers(db, [timerFactory(a, at(0)), timerFactory(b, at(0))]);
    const pushed: number[] = [];
    const worker = new TimerWorker(
      db,
      async (_tx, timer) => {
        if (timer.ticketId === b) throw new Error('refused');
        return () => void pushed.push(timer.ticketId);
      },
      silent,
      clock,
    );
    await worker.fireDue();
    expect(pushed).toEqual([a]);
  });

  it('sleeps exactly until the next due time, wakes on poke, and stop waits for the batch in flight', async () => {
    const [a, b] = tickets as [number, number];
    const firedAt = new Map<string, number>();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const worker = new TimerWorker(
      db,
      async (_tx, timer) => {
        firedAt.set(timer.key, Date.now());
        if (timer.key === 'slow') await gate;
      },
      silent,
      systemClock,
      { pollMs: 60_000 },
    );
    const dueAt = new Date(Date.now() + 150);
    await scheduleTimer(db, timerFactory(a, dueAt, { key: 'soon' }));
    worker.start();
    await vi.waitFor(() => expect(firedAt.has('soon')).toBe(true), { timeout: 2000, interval: 5 });
    expect(firedAt.get('soon')! - dueAt.getTime()).toBeGreaterThanOrEqual(0);
    expect(firedAt.get('soon')! - dueAt.getTime()).toBeLessThan(150);

    // Asleep for a minute now; a timer scheduled for right away fires as soon as the worker is poked.
    await scheduleTimer(db, timerFactory(b, new Date(), { key: 'slow' }));
    const pokedAt = Date.now();
    worker.poke();
    await vi.waitFor(() => expect(firedAt.has('slow')).toBe(true), { timeout: 2000, interval: 5 });
    expect(firedAt.get('slow')! - pokedAt).toBeLessThan(150);

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await countPendingTimers(db)).toBe(0);
  });
});
