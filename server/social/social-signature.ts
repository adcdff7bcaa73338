import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from the server's clock before it counts as a replay. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** Why a webhook delivery was refused, for the 401 answer. */
export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

/**
 * The signature a connector sends in `X-Komek-Signature`: `sha256=` + hex HMAC-SHA256, keyed with
 * the source's secret, of `<timestamp>.<raw body>` (the timestamp is `X-Komek-Timestamp`, Unix
 * seconds). Signing the timestamp with the body lets the server refuse a replayed old delivery.
 */
export function signDelivery(secret: string, timestampSeconds: number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampSeconds}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest('hex')}`;
}

/** Checks a delivery's signature and freshness; null when it is genuine. */
export function checkDelivery(
  secret: string,
  signature: string | undefined,
  timestamp: string | undefined,
  rawBody: Buffer,
  now: Date,
): SignatureProblem | null {
  if (!signature || !timestamp) return 'missing';
  if (!/^sha256=[0-9a-f]{64}$/.test(signature) || !/^[0-9]{1,12}$/.test(timestamp)) return 'malformed';
  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() - seconds * 1000) > SIGNATURE_TOLERANCE_MS) return 'stale';
  const expected = Buffer.from(signDelivery(secret, seconds, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? null : 'mismatch';
}
