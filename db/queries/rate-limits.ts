import type { Sql } from '../client.ts';

/** A token bucket's size: `capacity` requests at once, refilled at `capacity` per `periodMs`. */
export interface BucketLimit {
  capacity: number;
  periodMs: number;
}

/** The outcome of one request against a bucket: allowed, or refused with the wait until a token is back. */
export type TakeResult = { allowed: true } | { allowed: false; retryAfterMs: number };

interface TakeRow {
  allowed: boolean;
  retry_after_ms: number;
}

/**
 * Takes one token from the bucket of (scope, clientKey) at `at`, in one statement, so processes
 * sharing the database count against one limit: a missing bucket starts full; a present one is
 * first refilled for the time since its last request (never past capacity, never for time running
 * backwards between two processes' clocks). The row lock of ON CONFLICT DO UPDATE orders
 * concurrent takes of one key, each seeing the tokens the one before it left.
 */
export async function takeRateLimitToken(
  db: Sql,
  scope: string,
  clientKey: string,
  limit: BucketLimit,
  at: Date,
): Promise<TakeResult> {
  // $3 capacity, $4 period in ms; a token comes back every $4 / $3 ms.
  const rows = await db.query<TakeRow>(
    `insert into rate_limit_buckets as b (scope, client_key, tokens, refused_in_row, updated_at, full_at)
     values ($1, $2, $3::float8 - 1, 0, $5::timestamptz,
             $5::timestamptz + make_interval(secs => $4::float8 / $3::float8 / 1000))
     on conflict (scope, client_key) do update set
       (tokens, refused_in_row, updated_at, full_at) = (
         select after_take.tokens,
                case when refilled.tokens >= 1 then 0 else b.refused_in_row + 1 end,
                greatest(b.updated_at, excluded.updated_at),
                greatest(b.updated_at, excluded.updated_at)
                  + make_interval(secs => ($3::float8 - after_take.tokens) * $4::float8 / $3::float8 / 1000)
         from (
           select least(
             $3::float8,
             b.tokens + greatest(0, extract(epoch from excluded.updated_at - b.updated_at) * 1000)
               * $3::float8 / $4::float8
           ) as tokens
         ) refilled,
         lateral (
           select case when refilled.tokens >= 1 then refilled.tokens - 1 else refilled.tokens end as tokens
         ) after_take
       )
     returning refused_in_row = 0 as allowed,
       case when refused_in_row = 0 then 0 else ceil((1 - tokens) * $4::float8 / $3::float8) end::float8
         as retry_after_ms`,
    [scope, clientKey, limit.capacity, limit.periodMs, at],
  );
  const row = rows[0]!;
  return row.allowed ? { allowed: true } : { allowed: false, retryAfterMs: row.retry_after_ms };
}

/** Deletes the buckets full again by `at` (a missing bucket starts full, so nothing is lost); returns how many. */
export async function deleteFullRateLimitBuckets(db: Sql, at: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with pruned as (delete from rate_limit_buckets where full_at <= $1 returning 1)
     select count(*)::int as n from pruned`,
    [at],
  );
  return rows[0]!.n;
}
