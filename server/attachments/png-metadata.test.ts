import { describe, expect, it } from 'vitest';
import {
  bytes,
  containsText,
  IDAT,
  IEND,
  IHDR,
  metadataPng,
  PHYS,
  PNG_SIGNATURE,
  pngChunk,
  SECRET_AUTHOR,
  SECRET_GPS,
} from '../../tests/support/image-fixtures.ts';
import { DamagedFileError } from './bytes.ts';
import { stripPngMetadata } from './png-metadata.ts';

describe('stripPngMetadata', () => {
  it('drops eXIf, tEXt, iTXt, zTXt, tIME and what follows IEND; keeps every other chunk byte for byte', () => {
    const stripped = stripPngMetadata(metadataPng());
    expect(stripped).toEqual(bytes(PNG_SIGNATURE, IHDR, PHYS, IDAT, IEND));
    expect(containsText(stripped, SECRET_AUTHOR)).toBe(false);
    expect(containsText(stripped, SECRET_GPS)).toBe(false);
  });

  it('leaves a clean PNG as it is', () => {
    const clean = bytes(PNG_SIGNATURE, IHDR, pngChunk('iCCP', 'sRGB\0\0profile'), IDAT, IEND);
    expect(stripPngMetadata(clean)).toEqual(clean);
  });

  it.each([
    ['a first chunk other than IHDR', bytes(PNG_SIGNATURE, IDAT, IHDR, IEND)],
    ['a chunk longer than the file', bytes(PNG_SIGNATURE, IHDR, [0, 0, 1, 0], 'IDAT', [1, 2, 3])],
    ['no IEND', bytes(PNG_SIGNATURE, IHDR, IDAT)],
    ['a malformed chunk type', bytes(PNG_SIGNATURE, IHDR, pngChunk('ID1T', 'x'), IEND)],
    ['only a signature', PNG_SIGNATURE],
  ])('refuses %s as damaged', (_name, png) => {
    expect(() => stripPngMetadata(png)).toThrow(DamagedFileError);
  });
});
