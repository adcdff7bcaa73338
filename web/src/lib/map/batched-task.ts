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

/** Wraps `task` so that a stream of changes re-runs it in batches (leading edge, then throttled). */
export function batchedTask(task: () => void, options: BatchOptions): BatchedTask {
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let nextAllowedAt = -Infinity;

  const run = () => {
    timer = null;
    const started = now();
    try {
      task();
    } finally {
      const ended = now();
      const tookMs = ended - started;
      const gapMs = Math.max(options.minIntervalMs, tookMs * (1 / options.maxShare - 1));
      nextAllowedAt = ended + gapMs;
    }
  };

  return {
    request() {
      if (timer !== null) return;
      // Even the first run waits for the current task to finish, so a burst in one tick is one run.
      timer = setTimer(run, Math.max(0, nextAllowedAt - now()));
    },
    cancel() {
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
