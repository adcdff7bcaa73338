import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { base64DecodedLength, decodePhoto } from './photo-data.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

function refusal(run: () => unknown): { status: number; fields: Record<string, string> | undefined } {
  try {
    run();
  } catch (err) {
    if (err instanceof DomainError) return { status: err.status, fields: err.fields };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('decodePhoto', () => {
  it('decodes bare base64, without a declared type', () => {
    expect(decodePhoto(b64('photo'), 'photos.0', 100)).toEqual({
      bytes: Buffer.from('photo'),
      declaredType: null,
    });
  });

  it('decodes a data: URL and keeps its declared type, line breaks and all', () => {
    const value = `data:image/png;base64,${b64('a longer photo body').replace(/(.{8})/g, '$1\r\n')}`;
    expect(decodePhoto(value, 'photos.1', 100)).toEqual({
      bytes: Buffer.from('a longer photo body'),
      declaredType: 'image/png',
    });
    expect(decodePhoto(`data:;base64,${b64('x')}`, 'photos.0', 100).declaredType).toBeNull();
  });

  it.each([
    ['not base64', 'not*base64!', 400],
    ['a data: URL that is not base64', 'data:image/png,rawbytes', 400],
    ['a length no base64 has', 'abcde', 400],
    ['nothing', '', 400],
    ['over the limit', b64('x'.repeat(11)), 413],
  ])('refuses %s, naming the field', (_name, value, status) => {
    expect(refusal(() => decodePhoto(value, 'photos.2', 10))).toEqual({
      status,
      fields: { 'photos.2': expect.any(String) as string },
    });
  });

  it('knows the decoded size before decoding', () => {
    for (const n of [1, 2, 3, 4, 5, 100]) expect(base64DecodedLength(b64('x'.repeat(n)))).toBe(n);
    expect(base64DecodedLength(b64('xyz1').replace(/=+$/, ''))).toBe(4);
  });
});
