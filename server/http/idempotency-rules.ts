import type { ClaimCutoffs, IdempotencyRecord } from '../../db/queries/idempotency-keys.ts';
import { conflict, DomainError } from '../errors.ts';

/**
 * The rules both `Idempotency-Key` flavours share once a key is claimed: the staff API's middleware
 * (keys per user) and the residents' report form (anonymous keys). They store claims in different
 * tables, but a retry must be answered the same way by both, so the rules live here once.
 */

// A claim unfinished after this long belonged to a process that died mid-request.
const ABANDONED_AFTER_MS = 60_000;
// A retry comes within minutes; a day covers a phone that was off overnight.
const KEEP_MS = 86_400_000;
const SWEEP_EVERY_MS = 3_600_000;

/** When a claim may take a key over from an earlier one: abandoned after a minute, expired after a day. */
export const claimCutoffs = (now: Date): ClaimCutoffs => ({
  abandonedBefore: new Date(now.getTime() - ABANDONED_AFTER_MS),
  expiredBefore: new Date(now.getTime() - KEEP_MS),
});

/**
 * What a request whose key was already claimed gets: the stored answer when the same request
 * (same fingerprint) finished; 422 when the key came with a different request; 409 while the first
 * request is still running.
 */
export function storedAnswerOf(
  existing: IdempotencyRecord,
  fingerprint: string,
): { status: number; body: unknown } {
  if (existing.requestFingerprint !== fingerprint) {
    throw new DomainError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different request.',
      {
        'idempotency-key': 'was used for a different request',
      },
    );
  }
  if (existing.status === null) {
    throw conflict(
      'request_in_progress',
      'A request with this Idempotency-Key is still running; retry shortly.',
    );
  }
  return { status: existing.status, body: existing.response };
}

/**
 * Keys are kept a day, then deleted (or the tables would only grow): `forget` deletes those created
 * before the moment it is given, at most once an hour, started by whichever request comes first.
 * The request does not wait for it, and a failed sweep is only logged: claims take over expired keys
 * themselves, so a late sweep never keeps a key alive.
 */
export function dailyKeySweep(
  forget: (before: Date) => Promise<void>,
  onError: (err: unknown) => void,
): (now: Date) => void {
  let lastSweepMs = Number.NEGATIVE_INFINITY;
  return (now) => {
    if (now.getTime() - lastSweepMs < SWEEP_EVERY_MS) return;
    lastSweepMs = now.getTime();
    forget(new Date(now.getTime() - KEEP_MS)).catch(onError);
  };
}
