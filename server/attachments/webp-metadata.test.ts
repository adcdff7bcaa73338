import { describe, expect, it } from 'vitest';
import {
  bytes,
  containsText,
  ICCP,
  metadataWebp,
  riffChunk,
  SECRET_AUTHOR,
  SECRET_GPS,
  VP8_FRAME,
  vp8x,
  webpFile,
} from '../../tests/support/image-fixtures.ts';
import { DamagedFileError } from './bytes.ts';
import { stripWebpMetadata } from './webp-metadata.ts';

const riffSize = (file: Uint8Array) => new DataView(file.buffer, file.byteOffset).getUint32(4, true);

describe('stripWebpMetadata', () => {
  it('drops EXIF and XMP, clears their VP8X flags (keeping ICC and alpha) and rewrites the RIFF size', () => {
    const stripped = stripWebpMetadata(metadataWebp());
    expect(stripped).toEqual(webpFile(vp8x(0x30), ICCP, VP8_FRAME));
    expect(riffSize(stripped)).toBe(stripped.length - 8);
    expect(containsText(stripped, SECRET_GPS)).toBe(false);
    expect(containsText(stripped, SECRET_AUTHOR)).toBe(false);
  });

  it('leaves a simple lossy WebP as it is, and drops bytes past the RIFF size', () => {
    const simple = webpFile(VP8_FRAME);
    expect(stripWebpMetadata(simple)).toEqual(simple);
    expect(stripWebpMetadata(bytes(simple, 'appended'))).toEqual(simple);
  });

  it('restores a missing pad byte of the last chunk', () => {
    const unpadded = webpFile(VP8_FRAME).subarray(0, -1);
    const fixed = new Uint8Array(unpadded);
    new DataView(fixed.buffer).setUint32(4, fixed.length - 8, true);
    expect(stripWebpMetadata(fixed)).toEqual(webpFile(VP8_FRAME));
  });

  it.each([
    ['a RIFF size past the end', bytes('RIFF', [0xff, 0, 0, 0], 'WEBP', VP8_FRAME)],
    ['a chunk longer than the file', webpFile(bytes('VP8 ', [0x40, 0, 0, 0], [1, 2]))],
    ['metadata before the image chunk', webpFile(riffChunk('EXIF', 'x'), VP8_FRAME)],
    ['no chunks', webpFile()],
    ['a header that is not WebP', bytes('RIFF', [4, 0, 0, 0], 'WAVE')],
  ])('refuses %s as damaged', (_name, webp) => {
    expect(() => stripWebpMetadata(webp)).toThrow(DamagedFileError);
  });
});
