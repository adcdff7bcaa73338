import { describe, expect, it } from 'vitest';
import { MAX_PUBLIC_PHOTOS, PublicReport } from '#contracts/public.contract.ts';
import { ApiError } from '../api.ts';
import { reportErrors } from './report-errors.ts';
import { MAX_DESCRIPTION_CHARS, MAX_PUBLIC_PHOTOS_ON_FORM } from './report-limits.ts';

const refused = (
  status: number,
  fields: Record<string, string> | undefined,
  code = 'invalid_request',
  retryAfterSeconds: number | null = null,
) => new ApiError(status, { code, message: 'refused', ...(fields && { fields }) }, retryAfterSeconds);

describe('reportErrors', () => {
  it('puts a point outside the city on the place, in the resident’s language', () => {
    const errors = reportErrors(
      refused(400, { lat: 'the point 43.2, 76.9 is outside Astana; choose a place in the city' }),
    );
    expect(errors.fields).toEqual({ place: { key: 'report.place.outsideCity' } });
    expect(errors.form).toEqual({ key: 'report.error.fields' });
  });

  it('names the photo that is too large with the server’s limit in megabytes', () => {
    const errors = reportErrors(
      refused(413, { 'photos.1': 'must be at most 2097152 bytes' }, 'payload_too_large'),
    );
    expect(errors.fields.photos).toEqual({ key: 'report.error.photoTooLarge', params: { n: 2, max: 2 } });
  });

  it('calls a refused photo type by its number', () => {
    const errors = reportErrors(refused(415, { 'photos.0': 'is a HEIC image' }, 'unsupported_media_type'));
    expect(errors.fields.photos).toEqual({ key: 'report.error.photoType', params: { n: 1 } });
  });

  it('says how long to wait after a 429, in whole minutes', () => {
    expect(reportErrors(refused(429, undefined, 'rate_limited', 90)).form).toEqual({
      key: 'report.error.rateLimited',
      params: { minutes: 2 },
    });
    expect(reportErrors(refused(429, undefined, 'rate_limited')).form).toMatchObject({
      params: { minutes: 1 },
    });
  });

  it('translates the common field messages and keeps unusual ones as the server said them', () => {
    const errors = reportErrors(
      refused(400, {
        categoryId: 'must not be empty',
        description: 'must be at most 4000 characters',
        phone: 'must be a phone number such as +7 701 123 45 67',
        email: 'must be an e-mail address',
        address: 'a location (lat and lon) or an address is required',
        name: 'must not contain NUL characters',
      }),
    );
    expect(errors.fields).toEqual({
      category: { key: 'report.missing.category' },
      description: { key: 'report.error.tooLong', params: { max: 4000 } },
      phone: { key: 'validation.phone' },
      email: { key: 'report.error.email' },
      place: { key: 'report.missing.place' },
      name: { text: 'must not contain NUL characters' },
    });
  });

  it('refers an unknown category back to the list', () => {
    expect(reportErrors(refused(422, { categoryId: 'no category "x"' }, 'unknown_reference')).fields).toEqual(
      {
        category: { key: 'report.error.category' },
      },
    );
  });

  it('tells the whole form about the network, a body too large, a request still running and server faults', () => {
    expect(reportErrors(new ApiError(0, { code: 'network', message: 'offline' })).form).toEqual({
      key: 'report.error.network',
    });
    expect(reportErrors(refused(413, { _: 'is too large' }, 'payload_too_large')).form).toEqual({
      key: 'report.error.tooLarge',
    });
    expect(reportErrors(refused(409, undefined, 'request_in_progress')).form).toEqual({
      key: 'report.error.inProgress',
    });
    expect(reportErrors(refused(500, undefined, 'internal')).form).toEqual({ key: 'report.error.server' });
  });
});

describe('the form’s limits', () => {
  it('match the server’s contract', () => {
    expect(MAX_PUBLIC_PHOTOS_ON_FORM).toBe(MAX_PUBLIC_PHOTOS);
    const base = { categoryId: 'flooding', lat: 51.1, lon: 71.4 };
    expect(PublicReport.safeParse({ ...base, description: 'x'.repeat(MAX_DESCRIPTION_CHARS) }).success).toBe(
      true,
    );
    expect(
      PublicReport.safeParse({ ...base, description: 'x'.repeat(MAX_DESCRIPTION_CHARS + 1) }).success,
    ).toBe(false);
  });
});
