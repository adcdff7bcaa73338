import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db, Sql } from '../../db/client.ts';
import {
  claimDueTimers,
  deleteTimers,
  giveUpTimer,
  nextDueAt,
  recordTimerFailure,
  type DueTimer,
} from '../../db/queries/timers.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

/**
 * Applies a fired timer's event. It runs inside the transaction that claimed the timer and deletes
 * it, so its writes and the deletion commit together (exactly once) or not at all. A throw rolls
 * back its writes and counts as a failed attempt. It may return a function to run once the batch
 * has committed (push the change to Socket.IO); it never runs for work that rolled back.
 */
export type TimerHandler = (tx: Sql, timer: DueTimer) => Promise<AfterCommit | void>;

/** Work that must wait until the handler's writes are committed. */
export type AfterCommit = () => void;

/** How the worker paces itself; every field has a default. */
export interface TimerWorkerOptions {
  /** Timers claimed and fired per transaction. */
  batchSize: number;
  /** Longest sleep between due scans; the worker also wakes at the next due time and on `poke()`. */
  pollMs: number;
  /** Attempts before a failing timer is given up (kept with `failed_at` set, never fired). */
  maxAttempts: number;
  /** Backoff before the first retry; it doubles with each further attempt. */
  retryBaseMs: number;
  /** Longest backoff. */
  retryMaxMs: number;
  /** Pause when due timers exist but are all held by other transactions (another worker, a busy ticket). */
  busyRetryMs: number;
}

export const DEFAULT_TIMER_WORKER_OPTIONS: Readonly<TimerWorkerOptions> = Object.freeze({
  batchSize: 100,
  pollMs: 1000,
  maxAttempts: 5,
  retryBaseMs: 1000,
  retryMaxMs: 5 * 60_000,
  busyRetryMs: 50,
});

/** Backoff before retrying after the `failedAttempts`-th failure: base, 2×base, 4×base… capped. */
export function retryDelayMs(
  failedAttempts: number,
  options: Pick<TimerWorkerOptions, 'retryBaseMs' | 'retryMaxMs'>,
): number {
  return Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.max(0, failedAttempts - 1));
}

/** A handler threw in a batch run without savepoints: the batch rolls back and runs isolated. */
class HandlerFailed extends Error {
  constructor(cause: unknown) {
    super('a timer handler failed', { cause });
  }
}

const FAILED = Symbol('failed');

/** What one pass over the due timers did. */
export interface FireResult {
  fired: number;
  failed: number;
  /** True when the last claim came back full, so more may be due. */
  more: boolean;
}

/**
 * Fires due ticket timers exactly once, across restarts and processes. Each batch is one
 * transaction: claim due rows with SKIP LOCKED (so workers in other processes take other rows),
 * run the handler for each under a savepoint, delete the row, commit. A failing handler is rolled
 * back to its savepoint and the failure is recorded with backoff while the row is still locked;
 * after `maxAttempts` the timer is parked with `failed_at` and an error is logged.
 */
export class TimerWorker {
  private readonly db: Db;
  private readonly handler: TimerHandler;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly options: TimerWorkerOptions;
  private running = false;
  private stopping = false;
  private loop: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private poked = false;

  constructor(
    db: Db,
    handler: TimerHandler,
    logger: Logger,
    clock: Clock,
    options: Partial<TimerWorkerOptions> = {},
  ) {
    this.db = db;
    this.handler = handler;
    this.logger = logger;
    this.clock = clock;
    this.options = { ...DEFAULT_TIMER_WORKER_OPTIONS, ...options };
  }

  /** Starts the loop; timers already overdue (downtime) fire at once, earliest first. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops the loop and waits for the batch in flight to commit or roll back. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wakeUp();
    await this.loop;
  }

  /** Re-reads the next due time now; call it after committing a timer that may be due sooner. */
  poke(): void {
    this.poked = true;
    this.wakeUp();
  }

  /** Fires every timer due now, batch by batch, yielding to the event loop between batches. */
  async fireDue(): Promise<FireResult> {
    const total: FireResult = { fired: 0, failed: 0, more: false };
    do {
      const batch = await this.fireBatch();
      total.fired += batch.fired;
      total.failed += batch.failed;
      total.more = batch.more;
      if (batch.more) await yieldToEventLoop();
    } while (total.more && !this.stopping);
    return total;
  }

  /**
   * One transaction: claims up to `batchSize` due timers, fires them and deletes them. When a
   * handler throws, the whole batch rolls back and runs again with a savepoint around each timer, so
   * the others still commit and the failure is recorded while its row is locked. Savepoints cost two
   * round trips a timer, so only a batch that needs them pays for them.
   */
  async fireBatch(): Promise<FireResult> {
    try {
      return await this.runBatch(false);
    } catch (err) {
      if (!(err instanceof HandlerFailed)) throw err;
      return this.runBatch(true);
    }
  }

  private async runBatch(isolated: boolean): Promise<FireResult> {
    const afterCommit: AfterCommit[] = [];
    const result = await this.db.transaction(async (tx) => {
      const now = this.clock();
      const timers = await claimDueTimers(tx, now, this.options.batchSize);
      const fired: number[] = [];
      for (const timer of timers) {
        const then = isolated ? await this.fireIsolated(tx, timer, now) : await this.fire(tx, timer);
        if (then === FAILED) continue;
        fired.push(timer.id);
        if (then) afterCommit.push(then);
      }
      await deleteTimers(tx, fired);
      const failed = timers.length - fired.length;
      return { fired: fired.length, failed, more: timers.length === this.options.batchSize };
    });
    for (const run of afterCommit) {
      try {
        run();
      } catch (err) {
        this.logger.error({ err }, 'after-commit work of a fired timer failed');
      }
    }
    return result;
  }

  private async fire(tx: Sql, timer: DueTimer): Promise<AfterCommit | void> {
    try {
      return await this.handler(tx, timer);
    } catch (err) {
      throw new HandlerFailed(err);
    }
  }

  private async fireIsolated(
    tx: Sql,
    timer: DueTimer,
    now: Date,
  ): Promise<AfterCommit | void | typeof FAILED> {
    await tx.query('savepoint timer_fire');
    try {
      const then = await this.handler(tx, timer);
      await tx.query('release savepoint timer_fire');
      return then;
    } catch (err) {
      await tx.query('rollback to savepoint timer_fire');
      await this.recordFailure(tx, timer, err, now);
      return FAILED;
    }
  }

  private async recordFailure(tx: Sql, timer: DueTimer, err: unknown, now: Date): Promise<void> {
    const attempts = timer.attempts + 1;
    const message = err instanceof Error ? err.message : String(err);
    const log = { timerId: timer.id, ticketId: timer.ticketId, key: timer.key, attempts };
    if (attempts >= this.options.maxAttempts) {
      await giveUpTimer(tx, timer.id, message, now);
      this.logger.error({ ...log, err }, 'timer given up after its last attempt');
      return;
    }
    const retryAt = new Date(now.getTime() + retryDelayMs(attempts, this.options));
    await recordTimerFailure(tx, timer.id, message, retryAt);
    this.logger.warn({ ...log, err, retryAt }, 'timer failed, will retry');
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.poked = false;
      let delayMs: number;
      try {
        const result = await this.fireDue();
        const claimed = result.fired + result.failed;
        if (claimed > this.options.batchSize)
          this.logger.info({ fired: result.fired, failed: result.failed }, 'overdue timers fired');
        delayMs = await this.delayUntilNextDue(claimed > 0);
      } catch (err) {
        this.logger.error({ err }, 'timer pass failed');
        delayMs = this.options.pollMs;
      }
      if (this.running && !this.poked) await this.sleep(delayMs);
    }
  }

  private async delayUntilNextDue(claimedAny: boolean): Promise<number> {
    const next = await nextDueAt(this.db);
    if (!next) return this.options.pollMs;
    const delayMs = next.getTime() - this.clock().getTime();
    if (delayMs > 0) return Math.min(this.options.pollMs, delayMs);
    // Due already: it came due during the pass (go again), or other transactions hold those rows
    // (another worker, a command on the ticket) and a short pause lets them finish.
    return claimedAny ? 0 : this.options.busyRetryMs;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timeout = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      // A sleeping worker never keeps the process alive on its own.
      timeout.unref();
      this.wake = () => {
        clearTimeout(timeout);
        this.wake = null;
        resolve();
      };
    });
  }

  private wakeUp(): void {
    this.wake?.();
  }
}
