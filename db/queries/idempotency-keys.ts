import type { Sql } from '../client.ts';

/** A remembered request: `status` is null while the first attempt is still running. */
export interface IdempotencyRecord {
  requestFingerprint: string;
  status: number | null;
  response: unknown;
  createdAt: Date;
}

/** The columns both key tables (a user's keys, residents' anonymous keys) hold for a claim. */
export interface IdempotencyRow {
  request_fingerprint: string;
  status: number | null;
  response: unknown;
  created_at: Date;
}

/**
 * The record a claim lost to, read back after the claiming insert did nothing. Both key tables
 * store a claim in the same columns and answer a lost claim the same way, so they share this.
 * `row` is undefined when the claim was released between the two statements: that reads as still
 * running (the record the caller tried to write), and the client's retry will claim it.
 */
export function lostClaimRecord(
  row: IdempotencyRow | undefined,
  requestFingerprint: string,
  at: Date,
): IdempotencyRecord {
  if (!row) return { requestFingerprint, status: null, response: null, createdAt: at };
  return {
    requestFingerprint: row.request_fingerprint,
    status: row.status,
    response: row.response,
    createdAt: row.created_at,
  };
}

/**
 * When a claim on a key already taken may take it over: the earlier claim was left unfinished
 * before `abandonedBefore` (its process died mid-request), or was made before `expiredBefore` (keys
 * are kept for a while, whether or not a sweep has deleted them yet).
 */
export interface ClaimCutoffs {
  abandonedBefore: Date;
  expiredBefore: Date;
}

/**
 * Claims (user, key) for a new request. Returns null when this call claimed it (or took over an
 * abandoned or expired claim), or the record already there (finished, or still running).
 */
export async function claimIdempotencyKey(
  db: Sql,
  userId: number,
  key: string,
  requestFingerprint: string,
  at: Date,
  cutoffs: ClaimCutoffs,
): Promise<IdempotencyRecord | null> {
  const claimed = await db.query<{ key: string }>(
    `insert into idempotency_keys (user_id, key, request_fingerprint, created_at) values ($1, $2, $3, $4)
     on conflict (user_id, key) do update set request_fingerprint = excluded.request_fingerprint,
       created_at = excluded.created_at, status = null, response = null, completed_at = null
     where (idempotency_keys.status is null and idempotency_keys.created_at < $5) or idempotency_keys.created_at < $6
     returning key`,
    [userId, key, requestFingerprint, at, cutoffs.abandonedBefore, cutoffs.expiredBefore],
  );
  if (claimed.length > 0) return null;
  const rows = await db.query<IdempotencyRow>(
    'select request_fingerprint, status, response, created_at from idempotency_keys where user_id = $1 and key = $2',
    [userId, key],
  );
  return lostClaimRecord(rows[0], requestFingerprint, at);
}

/** Stores the answer of the request that claimed the key. */
export async function completeIdempotencyKey(
  db: Sql,
  userId: number,
  key: string,
  status: number,
  response: unknown,
  at: Date,
): Promise<void> {
  await db.query(
    'update idempotency_keys set status = $3, response = $4, completed_at = $5 where user_id = $1 and key = $2',
    [userId, key, status, response ?? null, at],
  );
}

/** Forgets a claim whose request failed on the server, so a retry can run again. */
export async function releaseIdempotencyKey(db: Sql, userId: number, key: string): Promise<void> {
  await db.query('delete from idempotency_keys where user_id = $1 and key = $2 and status is null', [
    userId,
    key,
  ]);
}

/** Forgets keys older than `before` (they are kept for a day). */
export async function deleteIdempotencyKeysBefore(db: Sql, before: Date): Promise<void> {
  await db.query('delete from idempotency_keys where created_at < $1', [before]);
}
