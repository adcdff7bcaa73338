import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchedTask } from './batched-task.ts';

describe('batchedTask', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once for a burst of requests, then at most once per interval', () => {
    const task = vi.fn();
    const batch = batchedTask(task, { minIntervalMs: 250, maxShare: 0.3, now: () => Date.now() });
    for (let i = 0; i < 50; i++) batch.request();
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) batch.request();
    vi.advanceTimersByTime(249);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('waits longer after a slow run, so the task keeps to its share of the thread', () => {
    const task = vi.fn(() => {
      vi.advanceTimersByTime(300);
    });
    const batch = batchedTask(task, { minIntervalMs: 250, maxShare: 0.25, now: () => Date.now() });
    batch.request();
    vi.advanceTimersByTime(0);
    batch.request();
    // 300 ms of work at a quarter of the thread: the next run waits 900 ms.
    vi.advanceTimersByTime(899);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('runs a task that returns a promise until it settles: never twice at once, its whole time counted', async () => {
    let finish = () => {};
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const batch = batchedTask(task, { minIntervalMs: 250, maxShare: 0.25, now: () => Date.now() });
    batch.request();
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
    // Asked for three times while the worker builds for 300 ms: one more run, after the gap.
    for (let i = 0; i < 3; i++) batch.request();
    vi.advanceTimersByTime(300);
    expect(task).toHaveBeenCalledTimes(1);
    finish();
    await Promise.resolve();
    vi.advanceTimersByTime(899);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(2);
    finish();
    await Promise.resolve();
    vi.advanceTimersByTime(10_000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('drops a pending run when cancelled', () => {
    const task = vi.fn();
    const batch = batchedTask(task, { minIntervalMs: 250, maxShare: 0.3, now: () => Date.now() });
    batch.request();
    batch.cancel();
    vi.advanceTimersByTime(1000);
    expect(task).not.toHaveBeenCalled();
  });
});
