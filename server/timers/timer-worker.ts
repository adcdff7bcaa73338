import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db, Sql } from '../../db/client.ts';
import {
  claimDueTimers,
  claimTimer,
  deleteTimer,
  deleteTimers,
  giveUpTimer,
  nextDueAt,
  recordTimerFailure,
  type DueTimer,
} from '../../db/queries/timers.ts';
import { WakeableSleep } from '../workers/wakeable-sleep.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

/**
 * Applies a fired timer's event. It runs inside the transaction that claimed the timer and deletes
 * it, so its writes and the deletion commit together (exactly once) or not at all. A throw rolls
 * back its writes and counts as one failed attempt. It may run again for a timer whose work rolled
 * back (another timer of its batch failed), so every effect belongs in `tx` or in the function it
 * may return, which runs once the batch has committed (push the change to Socket.IO).
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

/** A handler threw inside a batch: the batch rolled back, and names its timers and the one that failed. */
class BatchFailed extends Error {
  readonly timerIds: number[];
  readonly failedId: number;

  constructor(timers: readonly DueTimer[], failedId: number, cause: unknown) {
    super(`the handler of timer ${failedId} failed`, { cause });
    this.timerIds = timers.map((t) => t.id);
    this.failedId = failedId;
  }
}

/** What became of one timer fired on its own. */
type Outcome = 'fired' | 'failed' | 'gone';

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
 * run the handler for each, delete the rows, commit. A failing handler's work is rolled back and the
 * failure recorded with a backoff; after `maxAttempts` the timer is parked with `failed_at` and an
 * error is logged. Sleeps until the next due time, at most `pollMs`.
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
  private readonly sleeper = new WakeableSleep();
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
   * handler throws, that transaction rolls back and the batch's timers are fired one transaction
   * each, so the others still commit; the timer that failed is not run again, its failure is
   * recorded. (Not savepoints: the postgres driver fails a whole transaction once any statement in
   * it has failed, even one the caller caught and rolled back to a savepoint.)
   */
  async fireBatch(): Promise<FireResult> {
    const afterCommit: AfterCommit[] = [];
    let result: FireResult;
    try {
      result = await this.db.transaction(async (tx) => {
        const timers = await claimDueTimers(tx, this.clock(), this.options.batchSize);
        for (const timer of timers) {
          try {
            const after = await this.handler(tx, timer);
            if (after) afterCommit.push(after);
          } catch (err) {
            throw new BatchFailed(timers, timer.id, err);
          }
        }
        await deleteTimers(
          tx,
          timers.map((t) => t.id),
        );
        return { fired: timers.length, failed: 0, more: timers.length === this.options.batchSize };
      });
    } catch (err) {
      if (!(err instanceof BatchFailed)) throw err;
      return this.fireOneByOne(err);
    }
    this.runAfterCommit(afterCommit);
    return result;
  }

  private async fireOneByOne(failure: BatchFailed): Promise<FireResult> {
    const result: FireResult = {
      fired: 0,
      failed: 0,
      more: failure.timerIds.length === this.options.batchSize,
    };
    for (const id of failure.timerIds) {
      const outcome =
        id === failure.failedId ? await this.recordFailure(id, failure.cause) : await this.fireAlone(id);
      if (outcome === 'fired') result.fired++;
      if (outcome === 'failed') result.failed++;
    }
    return result;
  }

  /** Fires one timer in a transaction of its own; 'gone' when another worker has it or it was cancelled. */
  private async fireAlone(id: number): Promise<Outcome> {
    let fired: { afterCommit: AfterCommit | void } | null;
    try {
      fired = await this.db.transaction(async (tx) => {
        const timer = await claimTimer(tx, id, this.clock());
        if (!timer) return null;
        const afterCommit = await this.handler(tx, timer);
        await deleteTimer(tx, id);
        return { afterCommit };
      });
    } catch (err) {
      return this.recordFailure(id, err);
    }
    if (!fired) return 'gone';
    if (fired.afterCommit) this.runAfterCommit([fired.afterCommit]);
    return 'fired';
  }

  /** Counts a failed attempt in a transaction of its own: a backoff, or after the last one, giving up. */
  private async recordFailure(id: number, err: unknown): Promise<Outcome> {
    const message = err instanceof Error ? err.message : String(err);
    return this.db.transaction(async (tx) => {
      const now = this.clock();
      const timer = await claimTimer(tx, id, now);
      if (!timer) return 'gone';
      const attempts = timer.attempts + 1;
      const log = { timerId: id, ticketId: timer.ticketId, key: timer.key, attempts };
      if (attempts >= this.options.maxAttempts) {
        await giveUpTimer(tx, id, message, now);
        this.logger.error({ ...log, err }, 'timer given up after its last attempt');
      } else {
        const retryAt = new Date(now.getTime() + retryDelayMs(attempts, this.options));
        await recordTimerFailure(tx, id, message, retryAt);
        this.logger.warn({ ...log, err, retryAt }, 'timer failed, will retry');
      }
      return 'failed';
    });
  }

  private runAfterCommit(work: readonly AfterCommit[]): void {
    for (const run of work) {
      try {
        run();
      } catch (err) {
        this.logger.error({ err }, 'after-commit work of a fired timer failed');
      }
    }
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
    return this.sleeper.sleep(ms);
  }

  private wakeUp(): void {
    this.sleeper.wake();
  }
}
