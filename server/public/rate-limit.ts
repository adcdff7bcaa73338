import { isIPv4, isIPv6 } from 'node:net';
import type { RequestHandler } from 'express';
import type { TakeResult } from '../../db/queries/rate-limits.ts';
import { DomainError } from '../errors.ts';

/** Counts requests per client key against a limit (SharedTokenBuckets: in the database, for every process). */
export interface RateLimiter {
  /** Takes one request's token from `key`'s bucket if it has one. */
  take(key: string): Promise<TakeResult>;
}

/**
 * The key a client is counted under: its IPv4 address, or the /64 network of an IPv6 address (one
 * household or phone holds a whole /64 and can change addresses within it at will).
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Answers 429 with Retry-After (whole seconds) when the client's bucket is empty; runs before the body is read. */
export function rateLimit(limiter: RateLimiter, what: string): RequestHandler {
  return async (req, res, next) => {
    const taken = await limiter.take(clientKey(req.ip));
    if (taken.allowed) return next();
    const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
    res.set('Retry-After', String(seconds));
    throw new DomainError(
      429,
      'rate_limited',
      `Too many ${what} from this address; try again in ${seconds} seconds.`,
      undefined,
      { retryAfterSeconds: seconds },
    );
  };
}
