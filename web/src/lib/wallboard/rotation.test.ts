import { describe, expect, it } from 'vitest';
import { CITY, parseView, rotationAt, rotationOf, rotationProgress, viewKey } from './rotation.ts';

const T0 = Date.parse('2026-11-26T09:00:00Z');
const S = 1000;

describe('parseView', () => {
  it('reads the city, a district and an agency, and round-trips through viewKey', () => {
    expect(parseView('city')).toEqual(CITY);
    expect(parseView('district:yesil')).toEqual({ kind: 'district', id: 'yesil' });
    expect(parseView('agency:astana-su-arnasy')).toEqual({ kind: 'agency', id: 'astana-su-arnasy' });
    for (const view of ['city', 'district:yesil', 'agency:astana-su-arnasy'])
      expect(viewKey(parseView(view))).toBe(view);
  });

  it('falls back to the city for anything it does not know', () => {
    for (const view of ['', 'district:', 'street:kenesary', 'everything'])
      expect(parseView(view)).toEqual(CITY);
  });
});

describe('rotationOf', () => {
  it('takes the token’s views and interval', () => {
    expect(rotationOf({ rotate: ['city', 'district:yesil'], intervalSeconds: 10 })).toEqual({
      scopes: [CITY, { kind: 'district', id: 'yesil' }],
      intervalMs: 10 * S,
    });
  });

  it('shows the whole city without a token', () => {
    expect(rotationOf(null).scopes).toEqual([CITY]);
  });
});

describe('rotationAt', () => {
  const rotation = rotationOf({
    rotate: ['city', 'district:yesil', 'agency:astana-su-arnasy'],
    intervalSeconds: 10,
  });

  it('shows each view for its interval, in turn, and wraps around', () => {
    const at = (seconds: number) => viewKey(rotationAt(rotation, T0, T0 + seconds * S).scope);
    expect([0, 9.999, 10, 19, 20, 29, 30, 51].map(at)).toEqual([
      'city',
      'city',
      'district:yesil',
      'district:yesil',
      'agency:astana-su-arnasy',
      'agency:astana-su-arnasy',
      'city',
      'agency:astana-su-arnasy',
    ]);
  });

  it('says what comes next and when', () => {
    const state = rotationAt(rotation, T0, T0 + 25 * S);
    expect(state).toMatchObject({
      index: 2,
      next: CITY,
      viewStartedAtMs: T0 + 20 * S,
      nextAtMs: T0 + 30 * S,
    });
    expect(rotationProgress(state, T0 + 25 * S)).toBeCloseTo(0.5);
    expect(rotationProgress(state, T0 + 40 * S)).toBe(1);
  });

  it('comes back on the right view after a long sleep, and on the first after the clock went back', () => {
    expect(viewKey(rotationAt(rotation, T0, T0 + 3600 * S + 12 * S).scope)).toBe('district:yesil');
    expect(rotationAt(rotation, T0, T0 - 5 * S)).toMatchObject({ index: 0, nextAtMs: T0 + 10 * S });
  });

  it('does not rotate a single view', () => {
    const single = rotationOf({ rotate: ['district:nura'], intervalSeconds: 10 });
    const state = rotationAt(single, T0, T0 + 95 * S);
    expect(state).toEqual({
      index: 0,
      scope: { kind: 'district', id: 'nura' },
      next: null,
      viewStartedAtMs: T0,
      nextAtMs: null,
    });
    expect(rotationProgress(state, T0 + 95 * S)).toBe(0);
  });
});
