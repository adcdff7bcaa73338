import { describe, expect, it } from 'vitest';
import { clientKey, TokenBuckets } from './rate-limit.ts';

const HOUR = 3_600_000;

function fakeClock(start = Date.parse('2026-11-26T09:00:00Z')) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('TokenBuckets', () => {
  it('allows a burst of the capacity, then refuses with the time until the next token', () => {
    const time = fakeClock();
    const buckets = new TokenBuckets(20, HOUR, time.clock);
    for (let i = 0; i < 20; i++) expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterMs: HOUR / 20 });
    time.advance(HOUR / 20 - 1000);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterMs: 1000 });
    time.advance(1000);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('keeps one bucket per key, refilled to the capacity and no further', () => {
    const time = fakeClock();
    const buckets = new TokenBuckets(2, HOUR, time.clock);
    buckets.take('a');
    buckets.take('a');
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
    time.advance(10 * HOUR);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')].map((t) => t.allowed)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('forgets the least recently used keys beyond its bound', () => {
    const time = fakeClock();
    const buckets = new TokenBuckets(1, HOUR, time.clock, 2);
    buckets.take('a');
    buckets.take('b');
    buckets.take('a');
    buckets.take('c');
    expect(buckets.size).toBe(2);
    // 'a' was kept and is still empty; 'b' was forgotten and starts full.
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });
});

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('counts %s as %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});
