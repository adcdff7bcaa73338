import { describe, expect, it } from 'vitest';
import { bytes, HEIC, phoneJpeg } from '../support/image-fixtures.ts';
import { expectApiError, expectStatus } from '../support/test-server.ts';
import {
  dataUrl,
  freshAddress,
  MAX_BYTES,
  reportFactory,
  type PublicReportsSuite,
} from './public-reports-fixtures.ts';

// Limits and errors: every bad report refused precisely with nothing stored, the per-address rate
// limit, and status lookups of numbers never given out. Run by public-reports.test.ts.

/** Registers the refusal and limit tests on `suite`. */
export function refusalTests(suite: PublicReportsSuite): void {
  describe('refusals are precise and store nothing', () => {
    const jpeg = dataUrl('image/jpeg', phoneJpeg());
    it.each([
      ['no category', { categoryId: undefined }, 400, 'invalid_request', ['categoryId']],
      ['no description', { description: undefined }, 400, 'invalid_request', ['description']],
      ['a blank description', { description: '   ' }, 400, 'invalid_request', ['description']],
      ['lat without lon', { lon: undefined }, 400, 'invalid_request', ['lon']],
      ['no place at all', { lat: undefined, lon: undefined }, 400, 'invalid_request', ['address']],
      ['a latitude out of range', { lat: 95 }, 400, 'invalid_request', ['lat']],
      ['a latitude as text', { lat: '51.1' }, 400, 'invalid_request', ['lat']],
      ['a malformed phone', { phone: 'call me' }, 400, 'invalid_request', ['phone']],
      ['a malformed e-mail', { email: 'not-an-address' }, 400, 'invalid_request', ['email']],
      ['a field residents do not set', { priority: 'emergency' }, 400, 'invalid_request', ['priority']],
      ['NUL in the description', { description: 'a\u0000b' }, 400, 'invalid_request', ['description']],
      ['four photos', { photos: [jpeg, jpeg, jpeg, jpeg] }, 400, 'invalid_request', ['photos']],
      ['a photo that is not base64', { photos: [jpeg, 'not base64!'] }, 400, 'invalid_request', ['photos.1']],
      ['a photo that is a number', { photos: [42] }, 400, 'invalid_request', ['photos.0']],
      [
        'a photo that is text',
        { photos: [dataUrl('image/jpeg', bytes('hello'))] },
        415,
        'unsupported_media_type',
        ['photos.0'],
      ],
      [
        'a PDF as a photo',
        { photos: [dataUrl('application/pdf', bytes('%PDF-1.7\n%%EOF'))] },
        415,
        'unsupported_media_type',
        ['photos.0'],
      ],
      [
        'a HEIC photo',
        { photos: [Buffer.from(HEIC).toString('base64')] },
        415,
        'unsupported_media_type',
        ['photos.0'],
      ],
      [
        'a JPEG declared as PNG',
        { photos: [dataUrl('image/png', phoneJpeg())] },
        415,
        'unsupported_media_type',
        ['photos.0'],
      ],
      [
        'a damaged photo',
        { photos: [dataUrl('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xd9]))] },
        400,
        'invalid_request',
        ['photos.0'],
      ],
      [
        'a photo over the limit',
        { photos: [jpeg, dataUrl('image/jpeg', bytes(phoneJpeg(), new Uint8Array(MAX_BYTES)))] },
        413,
        'payload_too_large',
        ['photos.1'],
      ],
      ['a point outside Astana (Almaty)', { lat: 43.24, lon: 76.89 }, 400, 'invalid_request', ['lat']],
      [
        'an unknown category, photo and all',
        { categoryId: 'alien-landing', photos: [jpeg] },
        422,
        'unknown_reference',
        ['categoryId'],
      ],
    ])('%s', async (_name, overrides, status, code, fields) => {
      const before = [
        await suite.count('tickets'),
        await suite.count('attachments'),
        await suite.storedFiles(),
      ];
      expectApiError(await suite.report(reportFactory(overrides)), status, code, fields);
      expect([
        await suite.count('tickets'),
        await suite.count('attachments'),
        await suite.storedFiles(),
      ]).toEqual(before);
    });

    it('a body that is not a JSON object', async () => {
      expectApiError(await suite.report(null, { raw: '{"categoryId": "flooding",' }), 400, 'malformed_json');
      expectApiError(await suite.report([reportFactory()]), 400, 'invalid_request');
      expectApiError(
        await suite.report(null, { raw: JSON.stringify(reportFactory()), contentType: 'text/plain' }),
        415,
        'unsupported_media_type',
        ['content-type'],
      );
    });
  });

  it('limits reports per address: the 21st within the hour is a 429 with Retry-After, before the body is read', async () => {
    const from = freshAddress();
    for (let i = 0; i < 20; i++) expectApiError(await suite.report({}, { from }), 400, 'invalid_request');
    const before = await suite.count('tickets');
    const limited = await suite.report(reportFactory(), { from });
    const error = expectApiError(limited, 429, 'rate_limited');
    expect(limited.headers.get('retry-after')).toBe('180');
    expect(error.message).toMatch(/180 seconds/);
    expect(await suite.count('tickets')).toBe(before);
    // A malformed body is not even read once the limit is reached.
    expectApiError(await suite.report(null, { from, raw: '{' }), 429, 'rate_limited');
    // Another address is counted on its own.
    expectStatus(await suite.report(reportFactory()), 201);
  });

  describe('GET /api/public/tickets/:registrationNumber', () => {
    it('404 for a number never given out, 400 for one that is not a number', async () => {
      // Any configured format is looked up (REGISTRATION_NUMBER_FORMAT); only what no format writes is refused.
      for (const unknown of ['2026-999999', '2026-12', '109-26-000001'])
        expectApiError(await suite.anonymous().get(`/api/public/tickets/${unknown}`), 404, 'not_found');
      for (const bad of ['abc', '2026 000001', '2026-000001!', '12-34']) {
        expectApiError(await suite.anonymous().get(`/api/public/tickets/${bad}`), 400, 'invalid_request', [
          'registrationNumber',
        ]);
      }
    });
  });
}
