import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceData } from '../../server/contracts/reference.contract.ts';
import {
  AdminCalendar,
  AdminCategory,
  AdminEscalationPolicy,
  AdminSlaPolicy,
} from '../../server/contracts/sla-admin.contract.ts';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  WATER_AGENCY,
  type ApiClient,
  type ApiResponse,
  type TestStack,
} from '../support/test-server.ts';

const MINUTE_MS = 60_000;
const local = (isoLocal: string) => Date.parse(`${isoLocal}+05:00`); // Astana
const minutesBetween = (from: string | null, to: string | null) =>
  (Date.parse(to!) - Date.parse(from!)) / MINUTE_MS;

const names = (en: string) => ({ ru: `${en} (ru)`, kk: `${en} (kk)`, en });
const calendarBody = (overrides: Record<string, unknown> = {}) => ({
  names: names('Night shift'),
  weeklyHours: {
    mon: [['20:00', '24:00']],
    tue: [
      ['00:00', '08:00'],
      ['20:00', '24:00'],
    ],
  },
  holidays: [{ day: '2026-12-16', name: 'День Независимости' }],
  ...overrides,
});
const policyBody = (overrides: Record<string, unknown> = {}) => ({
  categoryId: 'road-damage',
  priority: 'normal',
  ackMinutes: 120,
  resolveMinutes: 2880,
  measure: 'business',
  warnFraction: 0.8,
  escalationPolicyId: 'standard',
  ...overrides,
});
const LEVEL = {
  condition: 'not_acknowledged',
  trigger: 'breach',
  delayMinutes: 0,
  target: 'agency_head',
  repeatCount: 1,
  repeatIntervalMinutes: 10,
  ackTimeoutMinutes: 30,
};
const escalationBody = (overrides: Record<string, unknown> = {}) => ({
  names: names('Night escalation'),
  levels: [LEVEL],
  ...overrides,
});
const categoryBody = (overrides: Record<string, unknown> = {}) => ({
  names: names('Fallen billboard'),
  defaultAgencyId: 'transport-roads-department',
  routeToDistrictAkimat: false,
  priority: 'high',
  shareWeight: 1,
  sortOrder: 300,
  ...overrides,
});

const put = (api: ApiClient, path: string, body: unknown) =>
  api.send('PUT', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const del = (api: ApiClient, path: string) => api.send('DELETE', path);
const itemsOf = <T>(res: ApiResponse, schema: { parse(x: unknown): T }): T[] => {
  expectStatus(res, 200);
  return (res.body as { items: unknown[] }).items.map((x) => schema.parse(x));
};

describe.each(DATABASE_KINDS)('administration of deadlines, calendars and escalation on %s', (kind) => {
  let stack: TestStack;
  // Wednesday 2026-11-25, 11:00 in Astana; the suite sets time instead of waiting.
  let now = local('2026-11-25T11:00:00');
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
    await stack.server.komek.timers.stop();
    admin = stack.staff.admin.api;
  });
  afterAll(() => stack?.close());

  const calendars = async () => itemsOf(await admin.get('/api/admin/calendars'), AdminCalendar);
  const policies = async (history = false) =>
    itemsOf(await admin.get(`/api/admin/sla-policies${history ? '?history=true' : ''}`), AdminSlaPolicy);
  const escalations = async () =>
    itemsOf(await admin.get('/api/admin/escalation-policies'), AdminEscalationPolicy);
  const reference = async () => {
    const res = await admin.get('/api/reference');
    expectStatus(res, 200);
    return ReferenceData.parse(res.body);
  };
  const categoryOf = async (id: string) => (await reference()).categories.find((c) => c.id === id);

  it('answers 401 without a session and 403 to every role but admin, changing nothing', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/admin/calendars'],
      ['PUT', '/api/admin/calendars/night-shift', calendarBody()],
      ['DELETE', '/api/admin/calendars/office-hours'],
      ['PUT', `/api/admin/agencies/${WATER_AGENCY}/calendar`, { calendarId: 'office-hours' }],
      ['GET', '/api/admin/sla-policies'],
      ['POST', '/api/admin/sla-policies', policyBody()],
      ['DELETE', '/api/admin/sla-policies/1'],
      ['GET', '/api/admin/escalation-policies'],
      ['PUT', '/api/admin/escalation-policies/standard', escalationBody()],
      ['PUT', '/api/admin/categories/flooding', categoryBody()],
    ];
    const { supervisor, operator, water, display } = stack.staff;
    const [calendarsBefore, policiesBefore] = [await calendars(), await policies(true)];
    for (const [method, path, body] of calls) {
      const init =
        body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
      expectApiError(await stack.server.api().send(method, path, init), 401, 'unauthenticated');
      for (const who of [supervisor, operator, water, display])
        expectApiError(await who.api.send(method, path, init), 403, 'forbidden');
    }
    expect(await calendars()).toEqual(calendarsBefore);
    expect(await policies(true)).toEqual(policiesBefore);
    expect((await categoryOf('flooding'))?.name.en).toBe('Flooded street or standing water');
  });

  describe('business calendars', () => {
    it('lists each calendar with its hours, holidays and the agencies that use it', async () => {
      const all = await calendars();
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
      const created = await put(admin, '/api/admin/calendars/night-shift', calendarBody());
      expectStatus(created, 201);
      expect(AdminCalendar.parse(created.body)).toEqual({
        id: 'night-shift',
        ...calendarBody(),
        agencyIds: [],
        updatedAt: new Date(now).toISOString(),
      });
      const replaced = await put(
        admin,
        '/api/admin/calendars/night-shift',
        calendarBody({
          weeklyHours: { sun: [['22:00', '24:00']] },
          holidays: [{ day: '2027-01-01', name: 'New Year' }],
        }),
      );
      expectStatus(replaced, 200);
      const stored = (await calendars()).find((c) => c.id === 'night-shift');
      expect(stored).toMatchObject({
        weeklyHours: { sun: [['22:00', '24:00']] },
        holidays: [{ day: '2027-01-01' }],
      });

      const moved = await put(admin, '/api/admin/agencies/veterinary-service/calendar', {
        calendarId: 'night-shift',
      });
      expectStatus(moved, 200);
      expect(moved.body).toEqual({ agencyId: 'veterinary-service', calendarId: 'night-shift' });
      expect((await calendars()).find((c) => c.id === 'night-shift')!.agencyIds).toEqual([
        'veterinary-service',
      ]);
      const inUse = await del(admin, '/api/admin/calendars/night-shift');
      expectApiError(inUse, 409, 'calendar_in_use');
      expect(inUse.body).toMatchObject({ error: { agencyIds: ['veterinary-service'] } });

      expectStatus(
        await put(admin, '/api/admin/agencies/veterinary-service/calendar', {
          calendarId: 'round-the-clock',
        }),
        200,
      );
      const deleted = await del(admin, '/api/admin/calendars/night-shift');
      expect(deleted.status).toBe(204);
      expect((await calendars()).map((c) => c.id)).toEqual(['office-hours', 'round-the-clock']);
      expectApiError(await del(admin, '/api/admin/calendars/night-shift'), 404, 'not_found');
      // The centre's own calendar counts tickets no agency holds yet.
      expectApiError(await del(admin, '/api/admin/calendars/round-the-clock'), 409, 'calendar_required');
    });

    it('refuses every kind of bad calendar with 400 naming the field, storing nothing', async () => {
      const before = await calendars();
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
          await put(admin, '/api/admin/calendars/night-shift', calendarBody(overrides)),
          400,
          'invalid_request',
          fields,
        );
        if (message) expect(Object.values(error.fields!)[0]).toMatch(message);
      }
      expectApiError(
        await put(admin, '/api/admin/calendars/-Night', calendarBody()),
        400,
        'invalid_request',
        ['id'],
      );
      expect(await calendars()).toEqual(before);
    });

    it('refuses an unknown calendar with 422 and an unknown agency with 404', async () => {
      expectApiError(
        await put(admin, `/api/admin/agencies/${WATER_AGENCY}/calendar`, { calendarId: 'no-such-calendar' }),
        422,
        'unknown_reference',
        ['calendarId'],
      );
      expectApiError(
        await put(admin, '/api/admin/agencies/no-such-agency/calendar', { calendarId: 'office-hours' }),
        404,
        'not_found',
      );
      expectApiError(
        await put(admin, `/api/admin/agencies/${WATER_AGENCY}/calendar`, {}),
        400,
        'invalid_request',
        ['calendarId'],
      );
    });
  });

  describe('deadline policies', () => {
    it('supersedes the current policy of the same (category, priority) and inserts the new one, and GET /api/reference follows', async () => {
      const [old] = (await policies()).filter(
        (p) => p.categoryId === 'road-damage' && p.priority === 'normal',
      );
      expect(old).toMatchObject({ ackMinutes: 160, supersededAt: null, createdBy: null });
      now += MINUTE_MS;
      const res = await admin.post('/api/admin/sla-policies', policyBody());
      expectStatus(res, 201);
      const created = AdminSlaPolicy.parse(res.body);
      expect(created).toEqual({
        id: expect.any(Number),
        ...policyBody(),
        createdAt: new Date(now).toISOString(),
        createdBy: stack.staff.admin.user.id,
        supersededAt: null,
      });
      const current = await policies();
      expect(current.filter((p) => p.categoryId === 'road-damage')).toEqual([created]);
      expect(current.every((p) => p.supersededAt === null)).toBe(true);
      expect((await policies(true)).find((p) => p.id === old!.id)).toEqual({
        ...old,
        supersededAt: new Date(now).toISOString(),
      });
      expect((await categoryOf('road-damage'))!.sla).toEqual({
        ackMinutes: 120,
        resolveMinutes: 2880,
        measure: 'business',
        warnFraction: 0.8,
      });

      // Removing it lets the broader (any category, normal) policy apply again.
      const removed = await del(admin, `/api/admin/sla-policies/${created.id}`);
      expectStatus(removed, 200);
      expect(AdminSlaPolicy.parse(removed.body).supersededAt).toBe(new Date(now).toISOString());
      expect((await categoryOf('road-damage'))!.sla).toMatchObject({ ackMinutes: 480, resolveMinutes: 4800 });
      expectApiError(await del(admin, `/api/admin/sla-policies/${created.id}`), 409, 'policy_superseded');
      expectApiError(await del(admin, `/api/admin/sla-policies/${old!.id}`), 409, 'policy_superseded');
      expectApiError(await del(admin, '/api/admin/sla-policies/999999'), 404, 'not_found');
      expectApiError(await del(admin, '/api/admin/sla-policies/first'), 400, 'invalid_request', ['id']);
    });

    it('keeps the default (any, any) policy: it can be replaced but not removed', async () => {
      const [defaults] = (await policies()).filter((p) => p.categoryId === null && p.priority === null);
      expectApiError(
        await del(admin, `/api/admin/sla-policies/${defaults!.id}`),
        409,
        'default_policy_required',
      );
      const res = await admin.post(
        '/api/admin/sla-policies',
        policyBody({ categoryId: null, priority: null }),
      );
      expectStatus(res, 201);
      const current = (await policies()).filter((p) => p.categoryId === null && p.priority === null);
      expect(current.map((p) => p.id)).toEqual([AdminSlaPolicy.parse(res.body).id]);
    });

    it('keeps exactly one current policy per (category, priority) when administrators post at once', async () => {
      const body = (ackMinutes: number) =>
        policyBody({ categoryId: 'elevator', priority: 'high', ackMinutes });
      const answers = await Promise.all(
        [20, 25, 35, 40].map((ack) => admin.post('/api/admin/sla-policies', body(ack))),
      );
      // PGlite runs them one after another; on PostgreSQL a loser of the race is told to reload.
      for (const res of answers) expect([201, 409]).toContain(res.status);
      for (const res of answers.filter((r) => r.status === 409))
        expectApiError(res, 409, 'concurrent_change');
      const current = (await policies()).filter((p) => p.categoryId === 'elevator' && p.priority === 'high');
      expect(current).toHaveLength(1);
      expect(answers.map((r) => (r.body as { id?: number }).id)).toContain(current[0]!.id);
    });

    it('refuses bad terms with 400 naming the field and unknown references with 422, changing nothing', async () => {
      const before = await policies(true);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ warnFraction: 1 }, ['warnFraction']],
        [{ warnFraction: 0 }, ['warnFraction']],
        [{ ackMinutes: 0 }, ['ackMinutes']],
        [{ ackMinutes: 1.5 }, ['ackMinutes']],
        [{ resolveMinutes: 525_601 }, ['resolveMinutes']],
        [{ ackMinutes: 600, resolveMinutes: 480 }, ['resolveMinutes']],
        [{ measure: 'wall-clock' }, ['measure']],
        [{ priority: 'urgent' }, ['priority']],
        [{ categoryId: undefined }, ['categoryId']],
        [{ escalationPolicyId: undefined }, ['escalationPolicyId']],
        [{ extra: true }, ['extra']],
      ];
      for (const [overrides, fields] of cases)
        expectApiError(
          await admin.post('/api/admin/sla-policies', policyBody(overrides)),
          400,
          'invalid_request',
          fields,
        );
      const error = expectApiError(
        await admin.post('/api/admin/sla-policies', policyBody({ ackMinutes: 600, resolveMinutes: 480 })),
        400,
        'invalid_request',
      );
      expect(error.fields).toEqual({ resolveMinutes: 'must be ≥ ackMinutes' });
      expectApiError(
        await admin.post('/api/admin/sla-policies', policyBody({ categoryId: 'no-such-category' })),
        422,
        'unknown_reference',
        ['categoryId'],
      );
      expectApiError(
        await admin.post(
          '/api/admin/sla-policies',
          policyBody({ categoryId: 'no-such-category', escalationPolicyId: 'no-such-policy' }),
        ),
        422,
        'unknown_reference',
        ['categoryId', 'escalationPolicyId'],
      );
      expectApiError(await admin.get('/api/admin/sla-policies?history=maybe'), 400, 'invalid_request', [
        'history',
      ]);
      expect(await policies(true)).toEqual(before);
    });
  });

  describe('escalation policies', () => {
    it('lists policies with the deadline policies using them; creates and replaces one that a policy can then use', async () => {
      const standard = (await escalations()).find((e) => e.id === 'standard')!;
      expect(standard.levels).toHaveLength(6);
      expect(standard.slaPolicyIds.length).toBeGreaterThan(0);

      const created = await put(admin, '/api/admin/escalation-policies/night-escalation', escalationBody());
      expectStatus(created, 201);
      expect(AdminEscalationPolicy.parse(created.body)).toEqual({
        id: 'night-escalation',
        ...escalationBody(),
        slaPolicyIds: [],
        updatedAt: new Date(now).toISOString(),
      });
      const levels = [
        LEVEL,
        { ...LEVEL, condition: 'not_resolved', target: 'city_supervisors', delayMinutes: 60 },
      ];
      expectStatus(
        await put(admin, '/api/admin/escalation-policies/night-escalation', escalationBody({ levels })),
        200,
      );
      const policy = await admin.post(
        '/api/admin/sla-policies',
        policyBody({ categoryId: 'noise', priority: 'low', escalationPolicyId: 'night-escalation' }),
      );
      expectStatus(policy, 201);
      expect((await escalations()).find((e) => e.id === 'night-escalation')).toMatchObject({
        levels,
        slaPolicyIds: [AdminSlaPolicy.parse(policy.body).id],
      });
    });

    it('refuses bad levels with 400 naming the level and field', async () => {
      const before = await escalations();
      const cases: [Record<string, unknown>, string[]][] = [
        [{ levels: [] }, ['levels']],
        [{ levels: Array.from({ length: 13 }, () => LEVEL) }, ['levels']],
        [{ levels: [{ ...LEVEL, delayMinutes: -5 }] }, ['levels.0.delayMinutes']],
        [{ levels: [LEVEL, { ...LEVEL, repeatCount: 11 }] }, ['levels.1.repeatCount']],
        [{ levels: [{ ...LEVEL, repeatIntervalMinutes: 0 }] }, ['levels.0.repeatIntervalMinutes']],
        [{ levels: [{ ...LEVEL, target: 'mayor' }] }, ['levels.0.target']],
        [
          { levels: [{ ...LEVEL, condition: 'not_closed', trigger: 'soon' }] },
          ['levels.0.condition', 'levels.0.trigger'],
        ],
        [{ levels: [{ ...LEVEL, ackTimeoutMinutes: undefined }] }, ['levels.0.ackTimeoutMinutes']],
        [{ levels: [{ ...LEVEL, note: 'x' }] }, ['levels.0.note']],
        [{ names: undefined }, ['names']],
      ];
      for (const [overrides, fields] of cases)
        expectApiError(
          await put(admin, '/api/admin/escalation-policies/standard', escalationBody(overrides)),
          400,
          'invalid_request',
          fields,
        );
      expect(await escalations()).toEqual(before);
    });
  });

  describe('categories', () => {
    it('creates a category that tickets and GET /api/reference use at once, and updates it', async () => {
      const created = await put(admin, '/api/admin/categories/fallen-billboard', categoryBody());
      expectStatus(created, 201);
      expect(AdminCategory.parse(created.body)).toEqual({ id: 'fallen-billboard', ...categoryBody() });
      // No policy of its own: the (any category, high) terms apply.
      expect(await categoryOf('fallen-billboard')).toMatchObject({
        name: names('Fallen billboard'),
        defaultAgencyId: 'transport-roads-department',
        priority: 'high',
        sla: { ackMinutes: 60, resolveMinutes: 1440, measure: 'elapsed' },
      });
      const ticket = await stack.staff.operator.api.createTicket({ categoryId: 'fallen-billboard' });
      expect(ticket).toMatchObject({ agencyId: 'transport-roads-department', priority: 'high' });
      expect(minutesBetween(ticket.registeredAt, ticket.ackDueAt)).toBe(60);

      const updated = await put(
        admin,
        '/api/admin/categories/fallen-billboard',
        categoryBody({ names: names('Fallen sign'), defaultAgencyId: null, routeToDistrictAkimat: true }),
      );
      expectStatus(updated, 200);
      expect(await categoryOf('fallen-billboard')).toMatchObject({
        name: { en: 'Fallen sign' },
        defaultAgencyId: null,
        routeToDistrictAkimat: true,
      });
      expectApiError(await del(admin, '/api/admin/categories/fallen-billboard'), 404, 'not_found');
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
          await put(admin, '/api/admin/categories/flooding', categoryBody(overrides)),
          400,
          'invalid_request',
          fields,
        );
      expectApiError(
        await put(
          admin,
          '/api/admin/categories/flooding',
          categoryBody({ defaultAgencyId: 'no-such-agency' }),
        ),
        422,
        'unknown_reference',
        ['defaultAgencyId'],
      );
      expectApiError(
        await put(admin, '/api/admin/categories/Flooding!', categoryBody()),
        400,
        'invalid_request',
        ['id'],
      );
      expect(await categoryOf('flooding')).toMatchObject({
        defaultAgencyId: WATER_AGENCY,
        priority: 'emergency',
      });
    });

    it('gives GET /api/reference a new ETag after a change, so a cached copy is not reused', async () => {
      const etag = (await admin.get('/api/reference')).headers.get('etag');
      expect(etag).toBeTruthy();
      // fetch sends `cache-control: no-cache` with a conditional request unless told otherwise.
      const revalidate = () =>
        admin.send('GET', '/api/reference', {
          headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' },
        });
      expect((await revalidate()).status).toBe(304);
      const renamed = categoryBody({ names: names('Fallen advertising board') });
      expectStatus(await put(admin, '/api/admin/categories/fallen-billboard', renamed), 200);
      const after = await revalidate();
      expectStatus(after, 200);
      expect(after.headers.get('etag')).not.toBe(etag);
      const category = ReferenceData.parse(after.body).categories.find((c) => c.id === 'fallen-billboard');
      expect(category?.name.en).toBe('Fallen advertising board');
    });
  });

  it('documents every endpoint in the OpenAPI document', async () => {
    const res = await stack.server.api().get('/api/openapi.json');
    const paths = (res.body as { paths: Record<string, Record<string, unknown>> }).paths;
    const methods = (path: string) => Object.keys(paths[path] ?? {}).sort();
    expect(methods('/api/admin/calendars')).toEqual(['get']);
    expect(methods('/api/admin/calendars/{id}')).toEqual(['delete', 'put']);
    expect(methods('/api/admin/agencies/{id}/calendar')).toEqual(['put']);
    expect(methods('/api/admin/sla-policies')).toEqual(['get', 'post']);
    expect(methods('/api/admin/sla-policies/{id}')).toEqual(['delete']);
    expect(methods('/api/admin/escalation-policies')).toEqual(['get']);
    expect(methods('/api/admin/escalation-policies/{id}')).toEqual(['put']);
    expect(methods('/api/admin/categories/{id}')).toEqual(['put']);
  });

  describe('history', () => {
    const db = () => stack.server.komek.db;
    /** What must never change for a registered ticket: its stored terms and clocks, deadlines and escalation timers. */
    const recordOf = async (id: number) => ({
      ticket: (
        await db().query(
          'select sla, ack_due_at, ack_warn_at, resolve_due_at, resolve_warn_at from tickets where id = $1',
          [id],
        )
      )[0],
      timers: await escalationTimers(id),
    });
    const escalationTimers = (id: number) =>
      db().query<{ key: string; due_at: Date }>(
        "select key, due_at, event from ticket_timers where ticket_id = $1 and key like 'esc:%' order by key",
        [id],
      );
    const send = async (id: number, command: Record<string, unknown>) =>
      expectTicket(await stack.staff.operator.api.command(id, command));

    it('a change applies to new tickets and never rewrites an old ticket’s deadlines, terms or escalation timers', async () => {
      now = local('2026-11-25T11:00:00');
      const operator = stack.staff.operator.api;
      // Flooding: 15 minutes to acknowledge, 240 to resolve, wall-clock time, emergency escalation.
      const oldFlood = await operator.createTicket({ categoryId: 'flooding' });
      expect([
        minutesBetween(oldFlood.registeredAt, oldFlood.ackDueAt),
        minutesBetween(oldFlood.registeredAt, oldFlood.resolveDueAt),
      ]).toEqual([15, 240]);
      // Garbage: 80 and 480 business minutes on Astana Tazalyk's round-the-clock calendar.
      const oldGarbage = await operator.createTicket({ categoryId: 'garbage-not-collected' });
      expect(oldGarbage).toMatchObject({
        agencyId: 'astana-tazalyk',
        ackDueAt: new Date(local('2026-11-25T12:20:00')).toISOString(),
        resolveDueAt: new Date(local('2026-11-25T19:00:00')).toISOString(),
      });
      const before = [await recordOf(oldFlood.id), await recordOf(oldGarbage.id)];
      const oldKeys = before[0]!.timers.map((t) => t.key);
      expect(oldKeys).toEqual(
        expect.arrayContaining(['esc:ack:0', 'esc:ack:1', 'esc:ack:2', 'esc:resolve:3']),
      );

      // The administrator changes flooding's deadlines, the emergency escalation and the round-the-clock hours.
      expectStatus(
        await admin.post(
          '/api/admin/sla-policies',
          policyBody({
            categoryId: 'flooding',
            priority: 'emergency',
            ackMinutes: 30,
            resolveMinutes: 480,
            measure: 'elapsed',
            escalationPolicyId: 'emergency',
          }),
        ),
        201,
      );
      const newLevels = [
        { ...LEVEL, trigger: 'warning', target: 'agency_head' },
        { ...LEVEL, condition: 'not_resolved', target: 'city_supervisors', delayMinutes: 15 },
      ];
      expectStatus(
        await put(admin, '/api/admin/escalation-policies/emergency', escalationBody({ levels: newLevels })),
        200,
      );
      const afternoons = Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['14:00', '22:00']]]),
      );
      const roundTheClock = { names: names('Round the clock'), weeklyHours: afternoons, holidays: [] };
      expectStatus(await put(admin, '/api/admin/calendars/round-the-clock', roundTheClock), 200);

      // New tickets get the new terms, levels and hours.
      const newFlood = await operator.createTicket({ categoryId: 'flooding' });
      expect([
        minutesBetween(newFlood.registeredAt, newFlood.ackDueAt),
        minutesBetween(newFlood.registeredAt, newFlood.resolveDueAt),
      ]).toEqual([30, 480]);
      expect((await escalationTimers(newFlood.id)).map((t) => t.key)).toEqual(['esc:ack:0', 'esc:resolve:1']);
      const newGarbage = await operator.createTicket({ categoryId: 'garbage-not-collected' });
      expect(newGarbage).toMatchObject({
        ackDueAt: new Date(local('2026-11-25T15:20:00')).toISOString(),
        resolveDueAt: new Date(local('2026-11-25T22:00:00')).toISOString(),
      });

      // The old tickets keep everything they were registered with, through further events too.
      expect([await recordOf(oldFlood.id), await recordOf(oldGarbage.id)]).toEqual(before);
      await send(oldFlood.id, { type: 'ticket.comment', text: 'The caller rang again' });
      await send(oldGarbage.id, { type: 'ticket.comment', text: 'Still not collected' });
      await send(oldFlood.id, { type: 'ticket.assign', agencyId: 'akimat-yesil' });
      await send(oldFlood.id, { type: 'ticket.assign', agencyId: WATER_AGENCY });
      expect([await recordOf(oldFlood.id), await recordOf(oldGarbage.id)]).toEqual(before);

      // Later, a reassignment restarts acknowledgement with the ticket's own 15 minutes and levels.
      now += 5 * MINUTE_MS;
      const moved: Ticket = await send(oldFlood.id, { type: 'ticket.assign', agencyId: 'akimat-yesil' });
      expect(Date.parse(moved.ackDueAt!)).toBe(now + 15 * MINUTE_MS);
      expect(moved.resolveDueAt).toBe(oldFlood.resolveDueAt);
      const after = await recordOf(oldFlood.id);
      expect(after.timers.map((t) => t.key)).toEqual(oldKeys);
      expect(after.timers.filter((t) => t.key.startsWith('esc:resolve'))).toEqual(
        before[0]!.timers.filter((t) => t.key.startsWith('esc:resolve')),
      );
      expect((after.ticket as { sla: { terms: unknown } }).sla.terms).toEqual(
        (before[0]!.ticket as { sla: { terms: unknown } }).sla.terms,
      );

      // Policies are history too: the superseded flooding row is kept with the moment it ended.
      const flooding = (await policies(true)).filter(
        (p) => p.categoryId === 'flooding' && p.priority === 'emergency',
      );
      expect(flooding.map((p) => [p.ackMinutes, p.supersededAt])).toEqual([
        [15, new Date(local('2026-11-25T11:00:00')).toISOString()],
        [30, null],
      ]);
      expectStatus(
        await put(admin, '/api/admin/calendars/round-the-clock', { ...roundTheClock, weeklyHours: null }),
        200,
      );
    });
  });
});
