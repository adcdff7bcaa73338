import { describe, expect, it } from 'vitest';
import { AdminCalendar } from '../../server/contracts/sla-admin.contract.ts';
import { expectApiError, expectStatus, WATER_AGENCY } from '../support/test-server.ts';
import { calendarBody, del, put, type SlaAdminSuite } from './sla-admin-fixtures.ts';

// Business calendars: hours, holidays, which agency counts on which. Run by sla-admin.test.ts.

/** Registers the business-calendar tests on `suite`. */
export function calendarTests(suite: SlaAdminSuite): void {
  describe('business calendars', () => {
    it('lists each calendar with its hours, holidays and the agencies that use it', async () => {
      const all = await suite.calendars();
      const office = all.find((c) => c.id === 'office-hours')!;
      expect(office).toMatchObject({
        names: { en: 'Mon–Fri 09:00–18:00, lunch 13:00–14:00' },
        weeklyHours: {
          mon: [
            ['09:00', '13:00'],
            ['14:00', '18:00'],
          ],
        },
      });
      expect(office.holidays).toHaveLength(15);
      expect(office.holidays[0]).toEqual({ day: '2026-01-01', name: 'Новый год' });
      expect(office.agencyIds).toEqual(expect.arrayContaining(['akimat-yesil', 'housing-inspection']));
      const roundTheClock = all.find((c) => c.id === 'round-the-clock')!;
      expect(roundTheClock).toMatchObject({ weeklyHours: null, holidays: [] });
      expect(roundTheClock.agencyIds).toContain(WATER_AGENCY);
    });

    it('creates and replaces a calendar (holidays as a whole), moves an agency onto it, and deletes it once unused', async () => {
      const created = await put(suite.admin, '/api/admin/calendars/night-shift', calendarBody());
      expectStatus(created, 201);
      expect(AdminCalendar.parse(created.body)).toEqual({
        id: 'night-shift',
        ...calendarBody(),
        agencyIds: [],
        updatedAt: new Date(suite.now).toISOString(),
      });
      const replaced = await put(
        suite.admin,
        '/api/admin/calendars/night-shift',
        calendarBody({
          weeklyHours: { sun: [['22:00', '24:00']] },
          holidays: [{ day: '2027-01-01', name: 'New Year' }],
        }),
      );
      expectStatus(replaced, 200);
      const stored = (await suite.calendars()).find((c) => c.id === 'night-shift');
      expect(stored).toMatchObject({
        weeklyHours: { sun: [['22:00', '24:00']] },
        holidays: [{ day: '2027-01-01' }],
      });

      const moved = await put(suite.admin, '/api/admin/agencies/veterinary-service/calendar', {
        calendarId: 'night-shift',
      });
      expectStatus(moved, 200);
      expect(moved.body).toEqual({ agencyId: 'veterinary-service', calendarId: 'night-shift' });
      expect((await suite.calendars()).find((c) => c.id === 'night-shift')!.agencyIds).toEqual([
        'veterinary-service',
      ]);
      const inUse = await del(suite.admin, '/api/admin/calendars/night-shift');
      expectApiError(inUse, 409, 'calendar_in_use');
      expect(inUse.body).toMatchObject({ error: { agencyIds: ['veterinary-service'] } });

      expectStatus(
        await put(suite.admin, '/api/admin/agencies/veterinary-service/calendar', {
          calendarId: 'round-the-clock',
        }),
        200,
      );
      const deleted = await del(suite.admin, '/api/admin/calendars/night-shift');
      expect(deleted.status).toBe(204);
      expect((await suite.calendars()).map((c) => c.id)).toEqual(['office-hours', 'round-the-clock']);
      expectApiError(await del(suite.admin, '/api/admin/calendars/night-shift'), 404, 'not_found');
      // The centre's own calendar counts tickets no agency holds yet.
      expectApiError(
        await del(suite.admin, '/api/admin/calendars/round-the-clock'),
        409,
        'calendar_required',
      );
    });

    it('refuses every kind of bad calendar with 400 naming the field, storing nothing', async () => {
      const before = await suite.calendars();
      const cases: [Record<string, unknown>, string[], RegExp?][] = [
        [{ weeklyHours: { mon: [['09:00', '25:00']] } }, ['weeklyHours.mon.0.1'], /HH:MM/],
        [{ weeklyHours: { tue: [['18:00', '09:00']] } }, ['weeklyHours.tue'], /start must be before the end/],
        [{ weeklyHours: { tue: [['10:00', '10:00']] } }, ['weeklyHours.tue'], /start must be before the end/],
        [
          {
            weeklyHours: {
              wed: [
                ['09:00', '13:00'],
                ['12:00', '18:00'],
              ],
            },
          },
          ['weeklyHours.wed'],
          /must not overlap/,
        ],
        [{ weeklyHours: {} }, ['weeklyHours'], /never open/],
        [{ weeklyHours: { mon: [], sat: [] } }, ['weeklyHours'], /never open/],
        [{ weeklyHours: { funday: [['09:00', '18:00']] } }, ['weeklyHours.funday']],
        [{ holidays: [{ day: '2026-02-30', name: 'No such day' }] }, ['holidays.0.day'], /not a date/],
        [{ holidays: [{ day: '16.12.2026', name: 'Wrong format' }] }, ['holidays.0.day'], /not a date/],
        [{ holidays: [{ day: '0000-01-01', name: 'Year zero' }] }, ['holidays.0.day'], /not between/],
        [
          {
            holidays: [
              { day: '2026-12-16', name: 'Independence Day' },
              { day: '2026-12-16', name: 'Again' },
            ],
          },
          ['holidays.1.day'],
          /listed twice/,
        ],
        [{ names: { ru: 'Смена', kk: '' } }, ['names.kk', 'names.en']],
        [{ holidays: undefined }, ['holidays']],
      ];
      for (const [overrides, fields, message] of cases) {
        const error = expectApiError(
          await put(suite.admin, '/api/admin/calendars/night-shift', calendarBody(overrides)),
          400,
          'invalid_request',
          fields,
        );
        if (message) expect(Object.values(error.fields!)[0]).toMatch(message);
      }
      expectApiError(
        await put(suite.admin, '/api/admin/calendars/-Night', calendarBody()),
        400,
        'invalid_request',
        ['id'],
      );
      expect(await suite.calendars()).toEqual(before);
    });

    it('refuses an unknown calendar with 422 and an unknown agency with 404', async () => {
      expectApiError(
        await put(suite.admin, `/api/admin/agencies/${WATER_AGENCY}/calendar`, {
          calendarId: 'no-such-calendar',
        }),
        422,
        'unknown_reference',
        ['calendarId'],
      );
      expectApiError(
        await put(suite.admin, '/api/admin/agencies/no-such-agency/calendar', { calendarId: 'office-hours' }),
        404,
        'not_found',
      );
      expectApiError(
        await put(suite.admin, `/api/admin/agencies/${WATER_AGENCY}/calendar`, {}),
        400,
        'invalid_request',
        ['calendarId'],
      );
    });
  });
}
