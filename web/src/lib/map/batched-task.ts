/** How often a batched task may run, and the clock and timers it runs on (injected in tests). */
export interface BatchOptions {
  /** The shortest gap between the end of one run and the start of the next. */
  minIntervalMs: number;
  /**
   * The largest share of the main thread the task may take: after a run of d ms the next waits at
   * least d × (1 / share − 1), so a slow re-index (50,000 tickets) runs less often, never back to back.
   */
  maxShare: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** A task run at most so often however many times it is asked for: requests in between coalesce. */
export interface BatchedTask {
  /** Asks for a run: soon after the last one's gap, once for every request made meanwhile. */
  request(): void;
  /** Drops a pending run (the component is going away). */
  cancel(): void;
}

/**
 * Wraps `task` so that a stream of changes re-runs it in batches (leading edge, then throttled). A
 * task that returns a promise (work done in a worker) runs until it settles: never two at once, and
 * its whole duration counts against `maxShare`.
 */
export function batchedTask(task: () => void | Promise<void>, options: BatchOptions): BatchedTask {
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let nextAllowedAt = -Infinity;
  let running = false;
  /** Asked for while running: run again once it is done. */
  let again = false;
  let cancelled = false;

  const schedule = () => {
    // Even the first run waits for the current task to finish, so a burst in one tick is one run.
    timer = setTimer(run, Math.max(0, nextAllowedAt - now()));
  };

  const run = () => {
    timer = null;
    running = true;
    const started = now();
    const finish = () => {
      running = false;
      const ended = now();
      const tookMs = ended - started;
      const gapMs = Math.max(options.minIntervalMs, tookMs * (1 / options.maxShare - 1));
      nextAllowedAt = ended + gapMs;
      if (again && !cancelled) schedule();
      again = false;
    };
    let result: void | Promise<void>;
    try {
      result = task();
    } catch (err) {
      finish();
      throw err;
    }
    if (result instanceof Promise) result.then(finish, finish);
    else finish();
  };

  return {
    request() {
      cancelled = false;
      if (running) again = true;
      else if (timer === null) schedule();
    },
    cancel() {
      cancelled = true;
      again = false;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
