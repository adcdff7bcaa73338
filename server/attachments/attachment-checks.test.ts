import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytes, HEIC, metadataPng, PDF, phoneJpeg } from '../../tests/support/image-fixtures.ts';
import { DomainError } from '../errors.ts';
import {
  normaliseMediaType,
  prepareAttachment,
  sanitiseFileName,
  type AttachmentSource,
} from './attachment-checks.ts';
import { stripJpegMetadata } from './jpeg-metadata.ts';

const upload: AttachmentSource = {
  field: 'body',
  declaredType: null,
  declaredField: 'content-type',
  accepted: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
  maxBytes: 1024,
};

function refusal(run: () => unknown) {
  try {
    run();
  } catch (err) {
    if (err instanceof DomainError) return { status: err.status, code: err.code, fields: err.fields };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('prepareAttachment', () => {
  it('answers the stripped bytes, their sha-256 and the type found in the content', () => {
    const prepared = prepareAttachment(phoneJpeg(), { ...upload, declaredType: 'image/jpg; name=x' });
    const stripped = stripJpegMetadata(phoneJpeg());
    expect(prepared).toEqual({
      bytes: stripped,
      sha256: createHash('sha256').update(stripped).digest('hex'),
      mediaType: 'image/jpeg',
    });
  });

  it.each([
    ['empty', new Uint8Array(), null, { status: 400, code: 'invalid_request', fields: { body: 'is empty' } }],
    [
      'over the limit',
      bytes(PDF, new Uint8Array(1024)),
      null,
      { status: 413, code: 'payload_too_large', fields: { body: 'must be at most 1024 bytes' } },
    ],
    [
      'of no known type',
      bytes('hello'),
      null,
      {
        status: 415,
        code: 'unsupported_media_type',
        fields: { body: 'is not a file type Komek knows; send JPEG, PNG, WebP or PDF' },
      },
    ],
    [
      'declared as something else',
      metadataPng(),
      'image/jpeg',
      {
        status: 415,
        code: 'unsupported_media_type',
        fields: { 'content-type': 'says image/jpeg but the content is a PNG image' },
      },
    ],
    [
      'damaged',
      bytes([0xff, 0xd8, 0xff, 0xd9]),
      null,
      {
        status: 400,
        code: 'invalid_request',
        fields: { body: 'is a damaged file (JPEG: has no image data)' },
      },
    ],
  ])('refuses a file %s, naming the field', (_name, file, declaredType, expected) => {
    expect(refusal(() => prepareAttachment(file, { ...upload, declaredType }))).toEqual(expected);
  });

  it('refuses types not accepted at this door, saying what the file is', () => {
    const photos: AttachmentSource = {
      ...upload,
      field: 'photos.0',
      accepted: ['image/jpeg', 'image/png', 'image/webp'],
    };
    expect(refusal(() => prepareAttachment(PDF, photos)).fields).toEqual({
      'photos.0': 'is a PDF document; send JPEG, PNG or WebP',
    });
    expect(refusal(() => prepareAttachment(HEIC, photos)).fields!['photos.0']).toMatch(
      /^is a HEIC image; send JPEG, PNG or WebP \(on an iPhone/,
    );
  });
});

describe('normaliseMediaType', () => {
  it('drops parameters and case, and reads image/jpg as image/jpeg', () => {
    expect(normaliseMediaType(' Image/PNG ; charset=binary')).toBe('image/png');
    expect(normaliseMediaType('image/jpg')).toBe('image/jpeg');
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['photo.jpg', 'photo.jpg'],
    ['C:\\Users\\aigerim\\Desktop\\двор.png', 'двор.png'],
    ['../../etc/passwd', 'passwd'],
    ['  .hidden  ', 'hidden'],
    ['evil\u202egpj.exe', 'evilgpj.exe'],
    ['line\nbreak\ttab.pdf', 'linebreaktab.pdf'],
    ['many    spaces.jpg', 'many spaces.jpg'],
    ['e\u0301.jpg', 'é.jpg'],
    ['///', null],
    ['\u0000', null],
  ])('%j → %j', (raw, safe) => {
    expect(sanitiseFileName(raw)).toBe(safe);
  });

  it('shortens long names to 200 characters and keeps the extension', () => {
    const name = sanitiseFileName(`${'я'.repeat(300)}.jpeg`)!;
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('я.jpeg')).toBe(true);
  });
});
