import { describe, expect, it } from 'vitest';
import { lostClaimRecord } from './idempotency-keys.ts';

const at = new Date('2026-01-01T10:00:00Z');

describe('lostClaimRecord', () => {
  it('reads the claim that won from its row', () => {
    const createdAt = new Date('2026-01-01T09:59:00Z');
    const row = { request_fingerprint: 'fp-0', status: 201, response: { id: 7 }, created_at: createdAt };
    expect(lostClaimRecord(row, 'fp-1', at)).toEqual({
      requestFingerprint: 'fp-0',
      status: 201,
      response: { id: 7 },
      createdAt,
    });
  });

  it('reads a claim released between the two statements as still running', () => {
    expect(lostClaimRecord(undefined, 'fp-1', at)).toEqual({
      requestFingerprint: 'fp-1',
      status: null,
      response: null,
      createdAt: at,
    });
  });
});
