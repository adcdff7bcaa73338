import { DomainError, invalid } from '../errors.ts';

/** A photo's bytes as decoded from JSON, and the media type its data: URL declared (null for bare base64). */
export interface DecodedPhoto {
  bytes: Uint8Array;
  declaredType: string | null;
}

const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*),/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded size of a base64 string without whitespace, computed before decoding anything. */
export function base64DecodedLength(b64: string): number {
  let padding = 0;
  while (padding < b64.length && b64[b64.length - 1 - padding] === '=') padding++;
  return Math.floor(((b64.length - padding) * 3) / 4);
}

/** How many base64 characters carry `bytes` bytes (padded), plus room for a data: URL prefix. */
export const base64LengthFor = (bytes: number) => Math.ceil(bytes / 3) * 4 + 100;

/**
 * Decodes a photo sent in JSON: bare base64 or a `data:<type>;base64,` URL (what a browser's
 * FileReader gives). Line breaks are allowed; anything else outside the base64 alphabet is a 400
 * naming `field`. A photo over `maxBytes` is a 413 before it is decoded.
 */
export function decodePhoto(value: string, field: string, maxBytes: number): DecodedPhoto {
  let payload = value;
  let declaredType: string | null = null;
  const url = DATA_URL.exec(value);
  if (url) {
    if (!/;base64$/i.test(url[2] ?? ''))
      throw invalid({ [field]: 'must be a base64 data: URL (…;base64,…)' });
    declaredType = url[1]!.trim() || null;
    payload = value.slice(url[0].length);
  }
  const b64 = payload.replace(/[\r\n\t ]/g, '');
  if (!BASE64.test(b64) || b64.length % 4 === 1) {
    throw invalid({ [field]: 'must be base64 (A-Z, a-z, 0-9, +, /) or a data: URL' });
  }
  const size = base64DecodedLength(b64);
  if (size > maxBytes) {
    throw new DomainError(413, 'payload_too_large', 'A photo is too large.', {
      [field]: `must be at most ${maxBytes} bytes`,
    });
  }
  if (size === 0) throw invalid({ [field]: 'is empty' });
  return { bytes: Buffer.from(b64, 'base64'), declaredType };
}
