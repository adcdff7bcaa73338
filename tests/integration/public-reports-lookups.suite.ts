import { describe, expect, it } from 'vitest';
import {
  NearbyAppeals,
  PublicCategories,
  PublicReportCreated,
} from '../../server/contracts/public.contract.ts';
import { expectApiError, expectStatus } from '../support/test-server.ts';
import { offset, reportFactory, type PublicReportsSuite } from './public-reports-fixtures.ts';

// What the report form looks up without a login: open appeals nearby, and the categories.
// Run by public-reports.test.ts.

/** Registers the nearby-appeal and category lookup tests on `suite`. */
export function lookupTests(suite: PublicReportsSuite): void {
  describe('GET /api/public/nearby', () => {
    const here = { lat: 51.1605, lon: 71.4704 };
    const at = (north: number, east: number) => offset(here.lat, here.lon, north, east);
    const nearby = async (query: string) => {
      const res = await suite.anonymous().get(`/api/public/nearby?${query}`);
      expectStatus(res, 200);
      return NearbyAppeals.parse(res.body);
    };

    it('finds an open appeal of the category 200 m away; not one 500 m away, of another category, closed or old', async () => {
      const { operator } = suite.stack.staff;
      const manhole = (point: { lat: number; lon: number }, extra: Record<string, unknown> = {}) =>
        operator.api.createTicket({ categoryId: 'open-manhole', address: undefined, ...point, ...extra });
      const near = await manhole(at(200, 0));
      await manhole(at(0, 500));
      await operator.api.createTicket({ categoryId: 'stray-dogs', ...at(100, 0) });
      await manhole(at(-150, 0), { firstContactAnswer: 'The lid was put back while we spoke.' });
      const cancelled = await manhole(at(0, -250));
      expectStatus(
        await operator.api.command(cancelled.id, { type: 'ticket.cancel', reason: 'Duplicate' }),
        200,
      );
      const old = await manhole(at(100, 100));
      const recent = await manhole(at(-50, 0));
      const { db } = suite.stack.server.komek;
      await db.query("update tickets set created_at = created_at - interval '49 hours' where id = $1", [
        old.id,
      ]);
      await db.query("update tickets set created_at = created_at - interval '47 hours' where id = $1", [
        recent.id,
      ]);

      const found = await nearby(`lat=${here.lat}&lon=${here.lon}&categoryId=open-manhole`);
      expect(found).toMatchObject({ radiusM: 300, windowHours: 48 });
      expect(found.items.map((i) => i.registrationNumber)).toEqual([
        recent.registrationNumber,
        near.registrationNumber,
      ]);
      expect(found.items[1]).toEqual({
        registrationNumber: near.registrationNumber,
        state: 'assigned',
        distanceM: 200,
        createdAt: near.createdAt,
        statusUrl: `/t/${near.registrationNumber}`,
      });
      expect(found.items[0]!.distanceM).toBe(50);
    });

    it('finds a report a resident filed through the form', async () => {
      const point = offset(51.128, 71.43, 0, 120);
      const filed = PublicReportCreated.parse(
        (await suite.report(reportFactory({ categoryId: 'street-lighting', ...point }))).body,
      );
      const found = await nearby('lat=51.128&lon=71.43&categoryId=street-lighting');
      expect(found.items.map((i) => [i.registrationNumber, i.distanceM])).toEqual([
        [filed.registrationNumber, 120],
      ]);
    });

    it.each([
      ['no lat', 'lon=71.4&categoryId=flooding', 400, ['lat']],
      ['lat as text', 'lat=north&lon=71.4&categoryId=flooding', 400, ['lat']],
      ['lat twice', 'lat=51.1&lat=51.2&lon=71.4&categoryId=flooding', 400, ['lat']],
      ['lon out of range', 'lat=51.1&lon=181&categoryId=flooding', 400, ['lon']],
      ['no category', 'lat=51.1&lon=71.4', 400, ['categoryId']],
      ['an unknown parameter', 'lat=51.1&lon=71.4&categoryId=flooding&radius=5000', 400, ['radius']],
      ['an unknown category', 'lat=51.1&lon=71.4&categoryId=alien-landing', 422, ['categoryId']],
    ])('%s', async (_name, query, status, fields) => {
      expectApiError(
        await suite.anonymous().get(`/api/public/nearby?${query}`),
        status,
        status === 400 ? 'invalid_request' : 'unknown_reference',
        fields,
      );
    });
  });

  it('lists the categories for the form, in three languages, without a login', async () => {
    const res = await suite.anonymous().get('/api/public/categories');
    expectStatus(res, 200);
    const { items } = PublicCategories.parse(res.body);
    expect(items[0]).toEqual({
      id: 'flooding',
      name: { ru: expect.any(String), kk: expect.any(String), en: 'Flooded street or standing water' },
    });
  });
}
