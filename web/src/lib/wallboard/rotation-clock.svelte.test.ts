import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RotationClock } from './rotation-clock.svelte.ts';
import { rotationOf, viewKey } from './rotation.ts';

describe('RotationClock', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-11-26T09:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('moves to the next view when its interval is over, and stops when told', () => {
    const clock = new RotationClock();
    const stop = clock.start(rotationOf({ rotate: ['city', 'district:yesil'], intervalSeconds: 10 }));
    expect(viewKey(clock.state.scope)).toBe('city');
    vi.advanceTimersByTime(9_999);
    expect(viewKey(clock.state.scope)).toBe('city');
    vi.advanceTimersByTime(1);
    expect(viewKey(clock.state.scope)).toBe('district:yesil');
    vi.advanceTimersByTime(10_000);
    expect(viewKey(clock.state.scope)).toBe('city');
    stop();
    vi.advanceTimersByTime(10_000);
    expect(viewKey(clock.state.scope)).toBe('city');
  });

  it('sets no timer for a single view', () => {
    const clock = new RotationClock();
    clock.start(rotationOf({ rotate: ['agency:astana-su-arnasy'], intervalSeconds: 10 }));
    expect(vi.getTimerCount()).toBe(0);
    expect(clock.state).toMatchObject({ scope: { kind: 'agency', id: 'astana-su-arnasy' }, next: null });
  });
});
