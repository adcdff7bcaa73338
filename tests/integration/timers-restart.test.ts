import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import { countPendingTimers } from '../../db/queries/timers.ts';
import { systemClock } from '../../server/clock.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import {
  CONFIRMATION_TIMER_KEY as KEY,
  countTicketsByState,
  countTimerClosings,
  countTimerRows,
  createResolvedTickets,
  databaseUrlFor,
  listClosings,
  listOverdueTimers,
  moveTimersDue,
  recordEventWriters,
  waitForDisconnect,
  type Closing,
  type OverdueTimer,
} from '../support/timer-restart-fixtures.ts';

// Real server processes fire the machine's own confirmation timers (resolved → closed) while one of
// them is killed and two others take over: every timer fires once, none is lost, and what fell due
// during the downtime fires in due order.

const TICKETS = 3000;
/** The timers fall due over this window, starting LEAD_MS after the first server is up. */
const SPREAD_MS = 8000;
const LEAD_MS = 500;
/** The first server is killed once it has closed this many tickets… */
const KILL_AFTER = 1000;
/** …and the others start once at least this many timers are overdue with no server up. */
const OVERDUE_AT_RESTART = 600;
/** Due slot of the k-th ticket: a permutation (7919 is prime), so due order is not id order. */
const dueSlot = (k: number) => (k * 7919) % TICKETS;

/** Timer worker log lines that mean a firing failed (see server/timers/timer-worker.ts). */
const TIMER_TROUBLE = /timer failed|timer given up|timer pass failed|could not publish a timer change/;

/** Where `closings` (in seq order) fired an `overdue` timer after a later-due one, or null when nowhere. */
function firstOutOfOrder(closings: readonly Closing[], overdue: readonly OverdueTimer[]) {
  const rank = new Map(overdue.map((t, i) => [t.ticketId, i]));
  const ranks = closings.map((c) => rank.get(c.ticketId)).filter((r) => r !== undefined);
  const k = ranks.findIndex((r, i) => i > 0 && r < ranks[i - 1]!);
  return k < 0 ? null : { position: k, rank: ranks[k], after: ranks[k - 1] };
}

describe.each(DATABASE_KINDS)('durable timers across a crash and a restart on %s', (kind) => {
  let database: TestDatabase;
  let tickets: number[];
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    if (kind === 'pglite') return;
    database = await createTestDatabase('postgres');
    await migrate(database.db);
    await recordEventWriters(database.db);
    const deps = { db: database.db, clock: systemClock, cityTimeZone: 'Asia/Almaty' };
    tickets = await createResolvedTickets(deps, TICKETS);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await database?.close();
  });

  // PGlite is embedded in one process: no second server process can open its database.
  it.skipIf(kind === 'pglite')(
    `fires each of ${TICKETS} confirmation timers once across a SIGKILL and two processes restarted at once`,
    async () => {
      const { db } = database;
      // Each process names its connections, so the event log's writers can be told apart.
      const start = async (name: string) => {
        const url = await databaseUrlFor(db, name);
        const server = await startServerProcess({
          DATABASE_URL: url,
          SIMULATOR: 'off',
          ADMIN_PASSWORD: 'restart-test-password',
        });
        servers.push(server);
        return server;
      };
      const closedByTimers = () => countTimerClosings(db, KEY);
      const overdueNow = async () => (await listOverdueTimers(db, KEY, new Date())).length;
      const logs = () => servers.map((s) => s.output()).join('\n');

      // Phase 1: one server, while the timers fall due over SPREAD_MS.
      const first = await start('komek-a');
      const t0 = Date.now() + LEAD_MS;
      const moved = await moveTimersDue(
        db,
        KEY,
        tickets.map((ticketId, k) => ({
          ticketId,
          dueAt: new Date(t0 + Math.floor((dueSlot(k) * SPREAD_MS) / TICKETS)),
        })),
      );
      expect(moved).toBe(TICKETS);
      await vi.waitFor(async () => expect(await closedByTimers()).toBeGreaterThanOrEqual(KILL_AFTER), {
        timeout: 20_000,
        interval: 20,
      });
      // A crash, most likely mid-batch: an open transaction rolls back with its connection.
      await first.stop('SIGKILL');
      await waitForDisconnect(db, 'komek-a');

      // Downtime: timers keep falling due with no server up.
      await vi.waitFor(async () => expect(await overdueNow()).toBeGreaterThanOrEqual(OVERDUE_AT_RESTART), {
        timeout: 10_000,
        interval: 20,
      });
      const overdue = await listOverdueTimers(db, KEY, new Date());

      // Phase 2: two processes at once on the same database, catching up and then firing on time.
      const restarted = await Promise.all([start('komek-b'), start('komek-c')]);
      await vi.waitFor(async () => expect(await countPendingTimers(db)).toBe(0), {
        timeout: 45_000,
        interval: 50,
      });
      await Promise.all(restarted.map((s) => s.stop()));

      expect(await countTimerRows(db), 'no timer left, none given up').toBe(0);
      expect(await countTicketsByState(db)).toEqual({ closed: TICKETS });

      // Exactly once: one close per ticket, each applied by the timer as the system.
      const closings = await listClosings(db);
      expect(closings).toHaveLength(TICKETS);
      expect(new Set(closings.map((c) => c.ticketId))).toEqual(new Set(tickets));
      const odd = closings.filter(
        (c) => c.type !== KEY || c.actorRole !== 'system' || c.fromState !== 'resolved',
      );
      expect(odd).toEqual([]);

      // Every process took part; what was overdue at restart was left to the restarted ones.
      const byWriter = Map.groupBy(closings, (c) => c.writer ?? 'unknown');
      expect([...byWriter.keys()].sort()).toEqual(['komek-a', 'komek-b', 'komek-c']);
      expect(byWriter.get('komek-a')!.length).toBeGreaterThanOrEqual(KILL_AFTER);
      const overdueIds = new Set(overdue.map((t) => t.ticketId));
      const overdueFiredByA = byWriter.get('komek-a')!.filter((c) => overdueIds.has(c.ticketId));
      expect(overdueFiredByA).toEqual([]);

      // Due order: each process claims the earliest due rows it can lock, so in its own commit order
      // the overdue timers it fired are in due order (the two processes' batches interleave).
      for (const name of ['komek-b', 'komek-c']) {
        expect(firstOutOfOrder(byWriter.get(name)!, overdue), `${name} fired out of due order`).toBeNull();
      }

      expect(logs()).not.toMatch(TIMER_TROUBLE);
    },
    // 15–35 s on a 2-core machine, by what else runs on it: the servers fire slower on a busy one.
    90_000,
  );
});
