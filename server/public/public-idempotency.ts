import { createHash } from 'node:crypto';
import type { Sql } from '../../db/client.ts';
import {
  claimPublicIdempotencyKey,
  completePublicIdempotencyKey,
  deletePublicIdempotencyKeysBefore,
  releasePublicIdempotencyKey,
} from '../../db/queries/public-idempotency-keys.ts';
import type { Clock } from '../clock.ts';
import { invalid } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { claimCutoffs, dailyKeySweep, storedAnswerOf } from '../http/idempotency-rules.ts';

// Anonymous keys share one namespace, so they must be unguessable: a random UUID is 36 characters.
const KEY_PATTERN = /^[\x21-\x7e]{16,200}$/;

/** An answer, and whether it is a stored one given again. */
export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** A hash of a request body: the same key with another body is refused. */
export const fingerprintOf = (body: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

/**
 * `Idempotency-Key` for requests without a user (the residents' report form). The API's middleware
 * keys by user id; here the key alone is the identity, stored as a sha-256, and must be 16-200
 * visible ASCII characters (a random UUID). It is not combined with the client's address: a phone
 * that retries after moving from Wi-Fi to mobile data has a new address and must still get its
 * first answer. A stolen key gives nothing away: a replay needs the identical body, which already
 * holds everything the answer says. Only successes are stored; a refused request releases its key,
 * so the resident can correct the form and send it again with the same key.
 */
export class PublicIdempotency {
  private readonly db: Sql;
  private readonly clock: Clock;
  private readonly sweep: (now: Date) => void;

  constructor(db: Sql, clock: Clock, logger: Logger) {
    this.db = db;
    this.clock = clock;
    this.sweep = dailyKeySweep(
      (before) => deletePublicIdempotencyKeysBefore(db, before),
      (err) => logger.error({ err }, 'could not delete expired public idempotency keys'),
    );
  }

  /** Runs `work` once per key: a retry with the same key and fingerprint gets the stored answer. */
  async run<T>(
    key: string | undefined,
    fingerprint: string,
    work: () => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentAnswer<T | unknown>> {
    if (key === undefined) return { ...(await work()), replayed: false };
    if (!KEY_PATTERN.test(key)) {
      throw invalid({ 'idempotency-key': 'must be 16-200 visible ASCII characters, such as a random UUID' });
    }
    const keyHash = createHash('sha256').update(key).digest('hex');
    const now = this.clock();
    this.sweep(now);
    const existing = await claimPublicIdempotencyKey(this.db, keyHash, fingerprint, now, claimCutoffs(now));
    if (existing) return { ...storedAnswerOf(existing, fingerprint), replayed: true };
    let answer: { status: number; body: T };
    try {
      answer = await work();
    } catch (err) {
      await releasePublicIdempotencyKey(this.db, keyHash);
      throw err;
    }
    await completePublicIdempotencyKey(this.db, keyHash, answer.status, answer.body, this.clock());
    return { ...answer, replayed: false };
  }
}
