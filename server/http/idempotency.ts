import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Sql } from '../../db/client.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  deleteIdempotencyKeysBefore,
  releaseIdempotencyKey,
} from '../../db/queries/idempotency-keys.ts';
import type { Clock } from '../clock.ts';
import { invalid } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { claimCutoffs, dailyKeySweep, storedAnswerOf } from './idempotency-rules.ts';
import './request-user.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its answer (any status below
 * 500) is stored; a retry with the same key and the same request gets that answer again, marked
 * `Idempotent-Replayed: true`, and never does the work twice. Keys are per user, kept a day.
 */
export function idempotency(db: Sql, clock: Clock, logger: Logger): RequestHandler {
  const sweep = dailyKeySweep(
    (before) => deleteIdempotencyKeysBefore(db, before),
    (err) => logger.error({ err }, 'could not delete expired idempotency keys'),
  );
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST' || key === undefined || !req.user) return next();
    if (!KEY_PATTERN.test(key)) {
      throw invalid({ 'idempotency-key': 'must be 1-200 visible ASCII characters' });
    }
    const userId = req.user.id;
    const fingerprint = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const now = clock();
    sweep(now);
    const existing = await claimIdempotencyKey(db, userId, key, fingerprint, now, claimCutoffs(now));
    if (existing) {
      const stored = storedAnswerOf(existing, fingerprint);
      res.set('Idempotent-Replayed', 'true');
      res.status(stored.status).json(stored.body);
      return;
    }

    // Store the answer before sending it, so a retry that arrives right after sees it.
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const status = res.statusCode;
      const store =
        status >= 500
          ? releaseIdempotencyKey(db, userId, key)
          : completeIdempotencyKey(db, userId, key, status, body, clock());
      store
        .catch((err: unknown) => logger.error({ err, key }, 'could not store an idempotent answer'))
        .finally(() => send(body));
      return res;
    };
    next();
  };
}
