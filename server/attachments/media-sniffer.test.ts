import { describe, expect, it } from 'vitest';
import {
  bytes,
  GIF,
  HEIC,
  metadataPng,
  metadataWebp,
  PDF,
  phoneJpeg,
} from '../../tests/support/image-fixtures.ts';
import { sniffMediaType } from './media-sniffer.ts';

describe('sniffMediaType', () => {
  it.each([
    ['a JPEG', phoneJpeg(), 'image/jpeg'],
    ['a PNG', metadataPng(), 'image/png'],
    ['a WebP', metadataWebp(), 'image/webp'],
    ['a PDF', PDF, 'application/pdf'],
    ['a GIF', GIF, 'image/gif'],
    ['a HEIC photo', HEIC, 'image/heic'],
    ['an AVIF image', bytes([0, 0, 0, 28], 'ftypavif', [0, 0, 0, 0], 'mif1'), 'image/avif'],
  ])('recognises %s by its first bytes', (_name, content, type) => {
    expect(sniffMediaType(content)).toBe(type);
  });

  it.each([
    ['nothing', new Uint8Array()],
    ['two bytes of a JPEG', bytes([0xff, 0xd8])],
    ['text that names a type', bytes('image/jpeg')],
    ['HTML', bytes('<!doctype html><script>alert(1)</script>')],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a RIFF that is not WebP', bytes('RIFF', [4, 0, 0, 0], 'WAVE')],
    ['an MP4 video', bytes([0, 0, 0, 24], 'ftypisom', [0, 0, 0, 0])],
    ['a PDF header that does not start the file', bytes(' %PDF-1.7')],
  ])('knows %s as nothing', (_name, content) => {
    expect(sniffMediaType(content)).toBeNull();
  });
});
