import { describe, expect, it } from 'vitest';
import { ReferenceData } from '../../server/contracts/reference.contract.ts';
import { AdminCategory } from '../../server/contracts/sla-admin.contract.ts';
import { expectApiError, expectStatus, WATER_AGENCY } from '../support/test-server.ts';
import { categoryBody, del, minutesBetween, names, put, type SlaAdminSuite } from './sla-admin-fixtures.ts';

// Categories: created and updated by the administrator, used by tickets and GET /api/reference at once.
// Run by sla-admin.test.ts.

/** Registers the category tests on `suite`. */
export function categoryTests(suite: SlaAdminSuite): void {
  describe('categories', () => {
    it('creates a category that tickets and GET /api/reference use at once, and updates it', async () => {
      const created = await put(suite.admin, '/api/admin/categories/fallen-billboard', categoryBody());
      expectStatus(created, 201);
      expect(AdminCategory.parse(created.body)).toEqual({ id: 'fallen-billboard', ...categoryBody() });
      // No policy of its own: the (any category, high) terms apply.
      expect(await suite.categoryOf('fallen-billboard')).toMatchObject({
        name: names('Fallen billboard'),
        defaultAgencyId: 'transport-roads-department',
        priority: 'high',
        sla: { ackMinutes: 60, resolveMinutes: 1440, measure: 'elapsed' },
      });
      const ticket = await suite.stack.staff.operator.api.createTicket({ categoryId: 'fallen-billboard' });
      expect(ticket).toMatchObject({ agencyId: 'transport-roads-department', priority: 'high' });
      expect(minutesBetween(ticket.registeredAt, ticket.ackDueAt)).toBe(60);

      const updated = await put(
        suite.admin,
        '/api/admin/categories/fallen-billboard',
        categoryBody({ names: names('Fallen sign'), defaultAgencyId: null, routeToDistrictAkimat: true }),
      );
      expectStatus(updated, 200);
      expect(await suite.categoryOf('fallen-billboard')).toMatchObject({
        name: { en: 'Fallen sign' },
        defaultAgencyId: null,
        routeToDistrictAkimat: true,
      });
      expectApiError(await del(suite.admin, '/api/admin/categories/fallen-billboard'), 404, 'not_found');
    });

    it('refuses a category without a way to route it, or with an unknown agency', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ defaultAgencyId: null, routeToDistrictAkimat: false }, ['defaultAgencyId']],
        [{ priority: 'urgent' }, ['priority']],
        [{ shareWeight: -1 }, ['shareWeight']],
        [{ sortOrder: 'first' }, ['sortOrder']],
        [{ routeToDistrictAkimat: undefined }, ['routeToDistrictAkimat']],
      ];
      for (const [overrides, fields] of cases)
        expectApiError(
          await put(suite.admin, '/api/admin/categories/flooding', categoryBody(overrides)),
          400,
          'invalid_request',
          fields,
        );
      expectApiError(
        await put(
          suite.admin,
          '/api/admin/categories/flooding',
          categoryBody({ defaultAgencyId: 'no-such-agency' }),
        ),
        422,
        'unknown_reference',
        ['defaultAgencyId'],
      );
      expectApiError(
        await put(suite.admin, '/api/admin/categories/Flooding!', categoryBody()),
        400,
        'invalid_request',
        ['id'],
      );
      expect(await suite.categoryOf('flooding')).toMatchObject({
        defaultAgencyId: WATER_AGENCY,
        priority: 'emergency',
      });
    });

    it('gives GET /api/reference a new ETag after a change, so a cached copy is not reused', async () => {
      const etag = (await suite.admin.get('/api/reference')).headers.get('etag');
      expect(etag).toBeTruthy();
      // fetch sends `cache-control: no-cache` with a conditional request unless told otherwise.
      const revalidate = () =>
        suite.admin.send('GET', '/api/reference', {
          headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' },
        });
      expect((await revalidate()).status).toBe(304);
      const renamed = categoryBody({ names: names('Fallen advertising board') });
      expectStatus(await put(suite.admin, '/api/admin/categories/fallen-billboard', renamed), 200);
      const after = await revalidate();
      expectStatus(after, 200);
      expect(after.headers.get('etag')).not.toBe(etag);
      const category = ReferenceData.parse(after.body).categories.find((c) => c.id === 'fallen-billboard');
      expect(category?.name.en).toBe('Fallen advertising board');
    });
  });
}
