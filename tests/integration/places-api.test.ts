import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaceSearchResult } from '../../server/contracts/place.contract.ts';
import { PUBLIC_PLACE_SEARCHES_PER_MINUTE } from '../../server/places/place.routes.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  startTestStack,
  type ApiResponse,
  type TestStack,
} from '../support/test-server.ts';

const result = (res: ApiResponse) => {
  expectStatus(res, 200);
  return PlaceSearchResult.parse(res.body);
};
const query = (q: string) => `q=${encodeURIComponent(q)}`;

describe.each(DATABASE_KINDS)('GET /api/places and /api/public/places on %s', (kind) => {
  let stack: TestStack;
  // The clock stands still: the public limit's bucket does not refill during the suite.
  const now = new Date('2026-11-26T09:00:00Z');

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => now });
  });
  afterAll(() => stack?.close());

  it('finds a street by a typed address for staff, with the house number in the address text', async () => {
    const found = result(await stack.staff.operator.api.get(`/api/places?${query('Кабанбай батыра 53')}`));
    expect(found.house).toBe('53');
    expect(found.items[0]).toMatchObject({
      id: 'kabanbay-batyr-avenue',
      kind: 'street',
      match: 'exact',
      districtId: 'nura',
      address: { ru: 'проспект Кабанбай батыра, 53', en: 'Kabanbay Batyr Avenue, 53' },
    });
    expect(found.items[0]!.lat).toBeCloseTo(51.118, 3);
    const latin = result(await stack.staff.supervisor.api.get(`/api/places?${query('kabanbai')}&limit=3`));
    expect(latin.items.map((p) => p.id)).toEqual(['kabanbay-batyr-avenue']);
  });

  it('answers residents without a login, and at most `limit` places', async () => {
    const anonymous = stack.server.api();
    const found = result(await anonymous.get(`/api/public/places?${query('Хан Шатыр')}`));
    expect(found.items[0]).toMatchObject({
      id: 'khan-shatyr',
      kind: 'landmark',
      address: { kk: 'Хан Шатыр сауда-ойын-сауық орталығы' },
    });
    expect(result(await anonymous.get(`/api/public/places?q=astana&limit=2`)).items).toHaveLength(2);
    expect(result(await anonymous.get(`/api/public/places?q=zzqx`))).toEqual({ items: [], house: null });
    // Without a session the staff door is shut; a wall display may not search at all.
    expectApiError(await anonymous.get(`/api/places?q=abay`), 401, 'unauthenticated');
    expectApiError(await stack.staff.display.api.get(`/api/places?q=abay`), 403, 'forbidden');
  });

  it('refuses a missing, short, long or repeated q and a bad limit with a 400 naming the field', async () => {
    for (const path of ['/api/places', '/api/public/places']) {
      const api = stack.staff.operator.api;
      const bad = async (search: string, field: string, message: RegExp) => {
        const error = expectApiError(await api.get(`${path}${search}`), 400, 'invalid_request', [field]);
        expect(error.fields![field], `${path}${search}`).toMatch(message);
      };
      await bad('', 'q', /is required/);
      await bad('?q=', 'q', /at least 2 characters/);
      await bad(`?${query(' a ')}`, 'q', /at least 2 characters/);
      await bad(`?q=${'a'.repeat(101)}`, 'q', /at most 100 characters/);
      await bad('?q=abay&q=turan', 'q', /single text value/);
      await bad('?q=abay&limit=11', 'limit', /≤ 10/);
      await bad('?q=abay&limit=0', 'limit', /≥ 1/);
      await bad('?q=abay&limit=two', 'limit', /whole number/);
      await bad('?q=abay&near=1', 'near', /not a known field/);
      await bad(`?${query('ab\u0000')}`, 'q', /NUL/);
      expect(result(await api.get(`${path}?q=ab`)).items.length).toBeGreaterThan(0);
      expect(result(await api.get(`${path}?q=${'zq'.repeat(50)}`)).items).toEqual([]);
    }
  });

  it('is documented in the OpenAPI document, q required', async () => {
    const res = await stack.server.api().get('/api/openapi.json');
    expectStatus(res, 200);
    const paths = (
      res.body as { paths: Record<string, { get?: { parameters: { name: string; required: boolean }[] } }> }
    ).paths;
    for (const path of ['/api/places', '/api/public/places']) {
      expect(
        paths[path]?.get?.parameters.map((p) => [p.name, p.required]),
        path,
      ).toEqual([
        ['q', true],
        ['limit', false],
      ]);
    }
  });

  it('limits the public searches of one address, with Retry-After', async () => {
    const anonymous = stack.server.api();
    let refused: ApiResponse | null = null;
    for (let i = 0; i <= PUBLIC_PLACE_SEARCHES_PER_MINUTE && !refused; i++) {
      const res = await anonymous.get('/api/public/places?q=abay');
      if (res.status !== 200) refused = res;
    }
    expect(refused).not.toBeNull();
    expectApiError(refused!, 429, 'rate_limited');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Staff searches are not counted against it.
    expectStatus(await stack.staff.operator.api.get('/api/places?q=abay'), 200);
  });
});
