import { describe, expect, it } from 'vitest';
import { checkDelivery, signDelivery } from './social-signature.ts';

const now = new Date('2026-11-25T06:00:00Z');
const ts = Math.floor(now.getTime() / 1000);
const body = Buffer.from('{"externalId":"1","text":"Открытый люк на Кенесары"}');

describe('webhook signatures', () => {
  it('accepts a fresh delivery signed with the source secret', () => {
    expect(checkDelivery('s3cret', signDelivery('s3cret', ts, body), String(ts), body, now)).toBeNull();
  });

  it('refuses a forged, altered, replayed or unsigned delivery, saying which', () => {
    expect(checkDelivery('s3cret', signDelivery('other', ts, body), String(ts), body, now)).toBe('mismatch');
    expect(
      checkDelivery('s3cret', signDelivery('s3cret', ts, body), String(ts), Buffer.from('{}'), now),
    ).toBe('mismatch');
    const old = ts - 6 * 60;
    expect(checkDelivery('s3cret', signDelivery('s3cret', old, body), String(old), body, now)).toBe('stale');
    expect(checkDelivery('s3cret', undefined, String(ts), body, now)).toBe('missing');
    expect(checkDelivery('s3cret', 'md5=abc', String(ts), body, now)).toBe('malformed');
    expect(checkDelivery('s3cret', signDelivery('s3cret', ts, body), 'yesterday', body, now)).toBe(
      'malformed',
    );
  });
});
