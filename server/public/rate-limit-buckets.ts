import type { Sql } from '../../db/client.ts';
import {
  deleteFullRateLimitBuckets,
  takeRateLimitToken,
  type BucketLimit,
  type TakeResult,
} from '../../db/queries/rate-limits.ts';
import type { Clock } from '../clock.ts';
import type { RateLimiter } from './rate-limit.ts';

// Buckets full again are swept at most this often per process, by whichever request comes.
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Token buckets of one `scope` kept in the database (rate_limit_buckets): each client key holds up
 * to `capacity` tokens and gains `capacity` per `periodMs`, so a client may send a burst of
 * `capacity` and then one every `periodMs / capacity`. Every process on the database counts
 * against the same buckets, and a restart resets none of them.
 */
export class SharedTokenBuckets implements RateLimiter {
  private readonly db: Sql;
  private readonly clock: Clock;
  private readonly scope: string;
  private readonly limit: BucketLimit;
  private lastPruneMs = Number.NEGATIVE_INFINITY;

  constructor(deps: { db: Sql; clock: Clock }, scope: string, limit: BucketLimit) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.scope = scope;
    this.limit = limit;
  }

  async take(key: string): Promise<TakeResult> {
    const now = this.clock();
    await this.prune(now);
    return takeRateLimitToken(this.db, this.scope, key, this.limit, now);
  }

  /** Forgets full buckets (of every scope): a missing bucket starts full, so this changes no answer. */
  private async prune(now: Date): Promise<void> {
    if (now.getTime() - this.lastPruneMs < PRUNE_EVERY_MS) return;
    this.lastPruneMs = now.getTime();
    await deleteFullRateLimitBuckets(this.db, now);
  }
}
