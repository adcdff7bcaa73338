import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMER_WORKER_OPTIONS, retryDelayMs } from './timer-worker.ts';

describe('retryDelayMs', () => {
  it('doubles from the base after each failed attempt and stops at the cap', () => {
    const options = { retryBaseMs: 1000, retryMaxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 30].map((attempts) => retryDelayMs(attempts, options))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('waits a second, then two, four… up to five minutes by default', () => {
    expect(retryDelayMs(1, DEFAULT_TIMER_WORKER_OPTIONS)).toBe(1000);
    expect(retryDelayMs(4, DEFAULT_TIMER_WORKER_OPTIONS)).toBe(8000);
    expect(retryDelayMs(20, DEFAULT_TIMER_WORKER_OPTIONS)).toBe(300_000);
  });
});
