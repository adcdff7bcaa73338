import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectStatus } from '../support/test-server.ts';
import { expectErrors, floodForm, Open311Stack, V2 } from './open311-fixtures.ts';

// Error answers: the spec's list of {code, description}, one entry per bad parameter and named
// first, with the spec's HTTP status (400, 403, 404; 413 for an oversized body), never a 500.

describe.each(DATABASE_KINDS)('Open311 errors on %s', (kind) => {
  let o: Open311Stack;

  beforeAll(async () => {
    o = await Open311Stack.start(kind);
  });
  afterAll(() => o?.close());

  describe('errors are the spec’s list with the spec’s status, never a 500', () => {
    it('403 without an api_key or with a wrong one', async () => {
      expectErrors(await o.post(floodForm('', {})), 403, 'api_key');
      expectErrors(await o.post(floodForm('not-a-key')), 403, 'api_key');
      expectErrors(await o.post(''), 403, 'api_key');
      // GETs need no key.
      expectStatus(await o.get('requests.json?api_key=whatever'), 200);
    });

    it.each([
      ['no service_code', { service_code: undefined }, 'service_code'],
      ['an empty service_code', { service_code: '' }, 'service_code'],
      ['no location', { lat: undefined, long: undefined, address_string: undefined }, 'location'],
      ['lat without long', { long: undefined }, 'long'],
      ['a latitude that is not a number', { lat: 'north' }, 'lat'],
      ['a latitude out of range', { lat: '91' }, 'lat'],
      ['a point outside the city (Almaty)', { lat: '43.24', long: '76.89' }, 'lat'],
      ['a description over 4000 characters', { description: 'x'.repeat(4001) }, 'description'],
      ['a NUL in the description', { description: 'a\u0000b' }, 'description'],
      ['a malformed phone', { phone: 'call me' }, 'phone'],
      ['a malformed e-mail', { email: 'aigerim-at-example' }, 'email'],
    ])('400 for %s', async (_name, overrides, field) => {
      expectErrors(await o.post(floodForm(o.apiKey, overrides)), 400, field);
    });

    it('400 for a parameter declared twice, naming it', async () => {
      const [description] = expectErrors(
        await o.post(`${floodForm(o.apiKey)}&service_code=elevator`),
        400,
        'service_code',
      );
      expect(description).toBe('service_code: must be given once');
    });

    it('several problems are several entries', async () => {
      const errors = expectErrors(
        await o.post(floodForm(o.apiKey, { phone: 'x', description: '' })),
        400,
        'phone',
      );
      expect(errors.length).toBeGreaterThanOrEqual(1);
      const two = expectErrors(
        await o.post(floodForm(o.apiKey, { lat: 'x', email: 'y' })),
        400,
        'lat',
        'email',
      );
      expect(two).toHaveLength(2);
    });

    it('404 for an unknown service_code or jurisdiction_id, as the spec’s POST errors say', async () => {
      expectErrors(await o.post(floodForm(o.apiKey, { service_code: 'alien-landing' })), 404, 'service_code');
      expectErrors(
        await o.post(floodForm(o.apiKey, { jurisdiction_id: 'sfgov.org' })),
        404,
        'jurisdiction_id',
      );
    });

    it('400 for a body that is not form fields or JSON, or not valid JSON; 413 for an oversized one', async () => {
      expectErrors(await o.post(floodForm(o.apiKey), { 'content-type': 'text/plain' }), 400, 'content-type');
      expectErrors(await o.post('{"api_key":', { 'content-type': 'application/json' }), 400, 'body');
      expectErrors(
        await o.post(JSON.stringify([{ api_key: o.apiKey }]), { 'content-type': 'application/json' }),
        403,
        'api_key',
      );
      expectErrors(
        await o.client.send('POST', `${V2}/requests.json?api_key=${o.apiKey}`, {
          body: JSON.stringify([1]),
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'body',
      );
      expectErrors(await o.post(floodForm(o.apiKey, { description: 'x'.repeat(70 * 1024) })), 413, 'body');
      expectErrors(
        await o.post(floodForm(o.apiKey), {
          'content-type': 'application/x-www-form-urlencoded; charset=koi8-r',
        }),
        400,
        'content-type',
      );
    });

    it.each([
      ['a date without a zone', 'start_date=2026-11-01T00:00:00', 'start_date'],
      ['a date only', 'end_date=2026-11-01', 'end_date'],
      ['a date that is not one', 'start_date=yesterday', 'start_date'],
      ['start after end', 'start_date=2026-11-02T00:00:00Z&end_date=2026-11-01T00:00:00Z', 'start_date'],
      ['a range over 90 days', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'end_date'],
      ['page_size 0', 'page_size=0', 'page_size'],
      ['page_size over 1000', 'page_size=1001', 'page_size'],
      ['page_size in words', 'page_size=ten', 'page_size'],
      ['page 0', 'page=0', 'page'],
      ['an unknown status', 'status=pending', 'status'],
      ['extensions=yes', 'extensions=yes', 'extensions'],
      ['a malformed service_request_id', 'service_request_id=1,2', 'service_request_id'],
      ['a year no database stores', 'start_date=0000-01-01T00:00:00Z', 'start_date'],
      [
        'a date declared twice',
        'start_date=2026-11-01T00:00:00Z&start_date=2026-11-02T00:00:00Z',
        'start_date',
      ],
    ])('GET requests: 400 for %s', async (_name, query, field) => {
      expectErrors(await o.get(`requests.json?${query}`), 400, field);
    });

    it('404 for an unknown format, a missing one or an unknown resource; 400 for a method a resource does not take', async () => {
      for (const path of [
        'services.csv',
        'services',
        'requests',
        'services/flooding',
        'nothing.json',
        'requests/x/y.json',
      ]) {
        expectErrors(await o.get(path), 404);
      }
      const wrongMethod = await o.client.send('DELETE', `${V2}/requests.json`);
      expectErrors(wrongMethod, 400);
      expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
      expectErrors(await o.client.send('POST', `${V2}/services.json`), 400);
    });
  });
});
