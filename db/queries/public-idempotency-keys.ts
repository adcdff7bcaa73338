import type { Sql } from '../client.ts';
import {
  lostClaimRecord,
  type ClaimCutoffs,
  type IdempotencyRecord,
  type IdempotencyRow,
} from './idempotency-keys.ts';

/**
 * Claims an anonymous key (its hash) for a new request, as `claimIdempotencyKey` does for a user's:
 * null when this call claimed it (or took over an abandoned or expired claim), else the record
 * already there.
 */
export async function claimPublicIdempotencyKey(
  db: Sql,
  keyHash: string,
  requestFingerprint: string,
  at: Date,
  cutoffs: ClaimCutoffs,
): Promise<IdempotencyRecord | null> {
  const claimed = await db.query<{ key_hash: string }>(
    `insert into public_idempotency_keys (key_hash, request_fingerprint, created_at) values ($1, $2, $3)
     on conflict (key_hash) do update set request_fingerprint = excluded.request_fingerprint,
       created_at = excluded.created_at, status = null, response = null, completed_at = null
     where (public_idempotency_keys.status is null and public_idempotency_keys.created_at < $4) or public_idempotency_keys.created_at < $5
     returning key_hash`,
    [keyHash, requestFingerprint, at, cutoffs.abandonedBefore, cutoffs.expiredBefore],
  );
  if (claimed.length > 0) return null;
  const rows = await db.query<IdempotencyRow>(
    'select request_fingerprint, status, response, created_at from public_idempotency_keys where key_hash = $1',
    [keyHash],
  );
  return lostClaimRecord(rows[0], requestFingerprint, at);
}

/** Stores the answer of the request that claimed the key. */
export async function completePublicIdempotencyKey(
  db: Sql,
  keyHash: string,
  status: number,
  response: unknown,
  at: Date,
): Promise<void> {
  await db.query(
    'update public_idempotency_keys set status = $2, response = $3, completed_at = $4 where key_hash = $1',
    [keyHash, status, response ?? null, at],
  );
}

/** Forgets an unfinished claim (the request was refused or failed), so a corrected retry may use the key. */
export async function releasePublicIdempotencyKey(db: Sql, keyHash: string): Promise<void> {
  await db.query('delete from public_idempotency_keys where key_hash = $1 and status is null', [keyHash]);
}

/** Forgets keys older than `before`. */
export async function deletePublicIdempotencyKeysBefore(db: Sql, before: Date): Promise<void> {
  await db.query('delete from public_idempotency_keys where created_at < $1', [before]);
}
