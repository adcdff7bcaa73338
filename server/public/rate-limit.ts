import { isIPv4, isIPv6 } from 'node:net';
import type { RequestHandler } from 'express';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';

/** The outcome of taking a token: allowed, or refused with how long until one is back. */
export type TakeResult = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * Token buckets per key, in memory: each holds up to `capacity` tokens and gains `capacity` per
 * `periodMs`, so a client may send a burst of `capacity` and then one every `periodMs / capacity`.
 * At most `maxKeys` buckets are kept; the least recently used go first (a forgotten bucket starts
 * full again, which only errs towards letting a resident through). Per process: behind several
 * processes each counts on its own.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly clock: Clock;
  private readonly maxKeys: number;

  constructor(capacity: number, periodMs: number, clock: Clock, maxKeys = 100_000) {
    this.capacity = capacity;
    this.perMs = capacity / periodMs;
    this.clock = clock;
    this.maxKeys = maxKeys;
  }

  /** Takes one token from `key`'s bucket if it has one. */
  take(key: string): TakeResult {
    const nowMs = this.clock().getTime();
    const previous = this.buckets.get(key);
    const tokens = previous
      ? Math.min(this.capacity, previous.tokens + Math.max(0, nowMs - previous.atMs) * this.perMs)
      : this.capacity;
    // Re-inserting keeps the map in least-recently-used order.
    this.buckets.delete(key);
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, atMs: nowMs });
    for (const oldest of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(oldest);
    }
    return allowed ? { allowed } : { allowed, retryAfterMs: Math.ceil((1 - tokens) / this.perMs) };
  }

  /** How many keys are tracked (for tests). */
  get size(): number {
    return this.buckets.size;
  }
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
export function rateLimit(buckets: TokenBuckets, what: string): RequestHandler {
  return (req, res, next) => {
    const taken = buckets.take(clientKey(req.ip));
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
