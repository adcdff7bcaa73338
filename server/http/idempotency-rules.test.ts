import { describe, expect, it } from 'vitest';
import type { IdempotencyRecord } from '../../db/queries/idempotency-keys.ts';
import { DomainError } from '../errors.ts';
import { claimCutoffs, dailyKeySweep, storedAnswerOf } from './idempotency-rules.ts';

const record = (over: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  requestFingerprint: 'fp-1',
  status: 201,
  response: { id: 7 },
  createdAt: new Date('2026-01-01T10:00:00Z'),
  ...over,
});

/** The DomainError `run` throws, or fails the test. */
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('storedAnswerOf', () => {
  it('gives back the stored answer to the same request', () => {
    expect(storedAnswerOf(record(), 'fp-1')).toEqual({ status: 201, body: { id: 7 } });
  });

  it('refuses the key with a different request (422), even while the first still runs', () => {
    for (const status of [201, null]) {
      const err = refusal(() => storedAnswerOf(record({ status }), 'fp-2'));
      expect(err.status).toBe(422);
      expect(err.code).toBe('idempotency_key_reused');
      expect(err.message).toBe('This Idempotency-Key was used for a different request.');
      expect(err.fields).toEqual({ 'idempotency-key': 'was used for a different request' });
    }
  });

  it('answers 409 while the first request with the key is still running', () => {
    const err = refusal(() => storedAnswerOf(record({ status: null, response: null }), 'fp-1'));
    expect(err.status).toBe(409);
    expect(err.code).toBe('request_in_progress');
    expect(err.message).toBe('A request with this Idempotency-Key is still running; retry shortly.');
  });
});

describe('claimCutoffs', () => {
  it('counts a claim unfinished for a minute as abandoned, and any claim a day old as expired', () => {
    expect(claimCutoffs(new Date('2026-01-02T10:01:00Z'))).toEqual({
      abandonedBefore: new Date('2026-01-02T10:00:00Z'),
      expiredBefore: new Date('2026-01-01T10:01:00Z'),
    });
  });
});

describe('dailyKeySweep', () => {
  it('forgets keys older than a day, at most once an hour, starting with the first request', () => {
    const cutoffs: string[] = [];
    const sweep = dailyKeySweep(
      async (before) => {
        cutoffs.push(before.toISOString());
      },
      () => {},
    );
    const at = (iso: string) => sweep(new Date(iso));
    at('2026-01-02T10:00:00Z');
    at('2026-01-02T10:59:59Z');
    at('2026-01-02T11:00:00Z');
    expect(cutoffs).toEqual(['2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z']);
  });

  it('does not hold up the request, and hands a failed sweep to its error handler', async () => {
    const failures: unknown[] = [];
    let finish = (_err: Error) => {};
    const sweep = dailyKeySweep(
      () => new Promise<void>((_resolve, reject) => (finish = reject)),
      (err) => failures.push(err),
    );
    expect(sweep(new Date('2026-01-02T10:00:00Z'))).toBeUndefined();
    finish(new Error('connection lost'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual([new Error('connection lost')]);
  });
});
