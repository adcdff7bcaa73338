import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import type { TakeResult } from '../../db/queries/rate-limits.ts';
import { DomainError } from '../errors.ts';
import { clientKey, rateLimit } from './rate-limit.ts';

/** Runs the middleware once for a request from `ip`, with a limiter that answers `answer`. */
async function limitOnce(ip: string, answer: TakeResult) {
  const keys: string[] = [];
  const limiter = {
    take: async (key: string) => {
      keys.push(key);
      return answer;
    },
  };
  const headers = new Map<string, string>();
  const res = { set: (name: string, value: string) => headers.set(name, value) } as unknown as Response;
  const next = vi.fn();
  const outcome = await Promise.resolve(rateLimit(limiter, 'reports')({ ip } as Request, res, next)).then(
    () => null,
    (err: unknown) => err,
  );
  return { keys, headers, next, outcome };
}

describe('rateLimit', () => {
  it('lets a request through while its client has tokens, counted under its client key', async () => {
    const run = await limitOnce('::ffff:203.0.113.7', { allowed: true });
    expect(run.keys).toEqual(['203.0.113.7']);
    expect(run.next).toHaveBeenCalledOnce();
    expect(run.outcome).toBeNull();
  });

  it('refuses with 429, Retry-After in whole seconds (at least 1) and the wait in the body', async () => {
    const run = await limitOnce('203.0.113.7', { allowed: false, retryAfterMs: 179_001 });
    expect(run.next).not.toHaveBeenCalled();
    expect(run.headers.get('Retry-After')).toBe('180');
    expect(run.outcome).toBeInstanceOf(DomainError);
    expect(run.outcome).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Too many reports from this address; try again in 180 seconds.',
      extra: { retryAfterSeconds: 180 },
    });
    const soon = await limitOnce('203.0.113.7', { allowed: false, retryAfterMs: 1 });
    expect(soon.headers.get('Retry-After')).toBe('1');
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
