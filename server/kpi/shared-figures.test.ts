import { describe, expect, it } from 'vitest';
import type { Kpis } from '../contracts/realtime.contract.ts';
import { SharedFigures } from './shared-figures.ts';

/** A computation the test finishes by hand, counting how often it ran. */
function harness(maxAgeMs = 15_000) {
  let now = 0;
  let runs = 0;
  const pending: ((k: Kpis) => void)[] = [];
  const snapshots = new SharedFigures(
    () => {
      runs++;
      return new Promise<Kpis>((resolve) => pending.push(resolve));
    },
    () => new Date(now),
    maxAgeMs,
  );
  const finish = async (open: number) => {
    await Promise.resolve();
    await Promise.resolve();
    pending.shift()?.({ open } as Kpis);
    await new Promise((r) => setTimeout(r, 0));
  };
  return {
    snapshots,
    finish,
    runs: () => runs,
    advance: (ms: number) => (now += ms),
  };
}

describe('SharedFigures', () => {
  it('computes once for many callers and serves the snapshot until something changes', async () => {
    const h = harness();
    const a = h.snapshots.current();
    const b = h.snapshots.current();
    await h.finish(5);
    expect((await a).open).toBe(5);
    expect((await b).open).toBe(5);
    expect((await h.snapshots.current()).open).toBe(5);
    expect(h.runs()).toBe(1);
  });

  it('recomputes after a change, and after the figures grow old on the server clock', async () => {
    const h = harness(10_000);
    const first = h.snapshots.current();
    await h.finish(1);
    await first;
    h.snapshots.invalidate();
    const second = h.snapshots.current();
    await h.finish(2);
    expect((await second).open).toBe(2);
    h.advance(60_000);
    const third = h.snapshots.current();
    await h.finish(3);
    expect((await third).open).toBe(3);
    expect(h.runs()).toBe(3);
  });

  it('serves somewhat old figures at once while fresh ones are computed behind them', async () => {
    const h = harness(10_000);
    const first = h.snapshots.current();
    await h.finish(1);
    await first;
    h.advance(20_000);
    expect((await h.snapshots.current()).open).toBe(1);
    expect(h.runs()).toBe(2);
    // Callers meanwhile share the one computation under way.
    expect((await h.snapshots.current()).open).toBe(1);
    expect(h.runs()).toBe(2);
    await h.finish(2);
    expect((await h.snapshots.current()).open).toBe(2);
  });

  it('makes a caller after a change wait for a computation that started after it', async () => {
    const h = harness();
    const before = h.snapshots.current();
    h.snapshots.invalidate();
    const after = h.snapshots.current();
    const alsoAfter = h.snapshots.current();
    await h.finish(1);
    expect((await before).open).toBe(1);
    await h.finish(2);
    expect((await after).open).toBe(2);
    expect((await alsoAfter).open).toBe(2);
    expect(h.runs()).toBe(2);
    expect((await h.snapshots.current()).open).toBe(2);
  });

  it('does not keep a failed computation', async () => {
    let fail = true;
    const snapshots = new SharedFigures(
      () => (fail ? Promise.reject(new Error('database gone')) : Promise.resolve({ open: 7 } as Kpis)),
      () => new Date(0),
    );
    await expect(snapshots.current()).rejects.toThrow('database gone');
    fail = false;
    expect((await snapshots.current()).open).toBe(7);
  });
});
