import { describe, expect, it } from 'vitest';
import { AdminEscalationPolicy, AdminSlaPolicy } from '../../server/contracts/sla-admin.contract.ts';
import { expectApiError, expectStatus } from '../support/test-server.ts';
import {
  escalationBody,
  LEVEL,
  MINUTE_MS,
  policyBody,
  del,
  put,
  type SlaAdminSuite,
} from './sla-admin-fixtures.ts';

// Deadline policies (versioned per category and priority) and the escalation policies they use.
// Run by sla-admin.test.ts.

/** Registers the deadline- and escalation-policy tests on `suite`. */
export function policyTests(suite: SlaAdminSuite): void {
  describe('deadline policies', () => {
    it('supersedes the current policy of the same (category, priority) and inserts the new one, and GET /api/reference follows', async () => {
      const [old] = (await suite.policies()).filter(
        (p) => p.categoryId === 'road-damage' && p.priority === 'normal',
      );
      expect(old).toMatchObject({ ackMinutes: 160, supersededAt: null, createdBy: null });
      suite.now += MINUTE_MS;
      const res = await suite.admin.post('/api/admin/sla-policies', policyBody());
      expectStatus(res, 201);
      const created = AdminSlaPolicy.parse(res.body);
      expect(created).toEqual({
        id: expect.any(Number),
        ...policyBody(),
        createdAt: new Date(suite.now).toISOString(),
        createdBy: suite.stack.staff.admin.user.id,
        supersededAt: null,
      });
      const current = await suite.policies();
      expect(current.filter((p) => p.categoryId === 'road-damage')).toEqual([created]);
      expect(current.every((p) => p.supersededAt === null)).toBe(true);
      expect((await suite.policies(true)).find((p) => p.id === old!.id)).toEqual({
        ...old,
        supersededAt: new Date(suite.now).toISOString(),
      });
      expect((await suite.categoryOf('road-damage'))!.sla).toEqual({
        ackMinutes: 120,
        resolveMinutes: 2880,
        measure: 'business',
        warnFraction: 0.8,
      });

      // Removing it lets the broader (any category, normal) policy apply again.
      const removed = await del(suite.admin, `/api/admin/sla-policies/${created.id}`);
      expectStatus(removed, 200);
      expect(AdminSlaPolicy.parse(removed.body).supersededAt).toBe(new Date(suite.now).toISOString());
      expect((await suite.categoryOf('road-damage'))!.sla).toMatchObject({
        ackMinutes: 480,
        resolveMinutes: 4800,
      });
      expectApiError(
        await del(suite.admin, `/api/admin/sla-policies/${created.id}`),
        409,
        'policy_superseded',
      );
      expectApiError(await del(suite.admin, `/api/admin/sla-policies/${old!.id}`), 409, 'policy_superseded');
      expectApiError(await del(suite.admin, '/api/admin/sla-policies/999999'), 404, 'not_found');
      expectApiError(await del(suite.admin, '/api/admin/sla-policies/first'), 400, 'invalid_request', ['id']);
    });

    it('keeps the default (any, any) policy: it can be replaced but not removed', async () => {
      const [defaults] = (await suite.policies()).filter((p) => p.categoryId === null && p.priority === null);
      expectApiError(
        await del(suite.admin, `/api/admin/sla-policies/${defaults!.id}`),
        409,
        'default_policy_required',
      );
      const res = await suite.admin.post(
        '/api/admin/sla-policies',
        policyBody({ categoryId: null, priority: null }),
      );
      expectStatus(res, 201);
      const current = (await suite.policies()).filter((p) => p.categoryId === null && p.priority === null);
      expect(current.map((p) => p.id)).toEqual([AdminSlaPolicy.parse(res.body).id]);
    });

    it('keeps exactly one current policy per (category, priority) when administrators post at once', async () => {
      const body = (ackMinutes: number) =>
        policyBody({ categoryId: 'elevator', priority: 'high', ackMinutes });
      const answers = await Promise.all(
        [20, 25, 35, 40].map((ack) => suite.admin.post('/api/admin/sla-policies', body(ack))),
      );
      // PGlite runs them one after another; on PostgreSQL a loser of the race is told to reload.
      for (const res of answers) expect([201, 409]).toContain(res.status);
      for (const res of answers.filter((r) => r.status === 409))
        expectApiError(res, 409, 'concurrent_change');
      const current = (await suite.policies()).filter(
        (p) => p.categoryId === 'elevator' && p.priority === 'high',
      );
      expect(current).toHaveLength(1);
      expect(answers.map((r) => (r.body as { id?: number }).id)).toContain(current[0]!.id);
    });

    it('refuses bad terms with 400 naming the field and unknown references with 422, changing nothing', async () => {
      const before = await suite.policies(true);
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
          await suite.admin.post('/api/admin/sla-policies', policyBody(overrides)),
          400,
          'invalid_request',
          fields,
        );
      const error = expectApiError(
        await suite.admin.post(
          '/api/admin/sla-policies',
          policyBody({ ackMinutes: 600, resolveMinutes: 480 }),
        ),
        400,
        'invalid_request',
      );
      expect(error.fields).toEqual({ resolveMinutes: 'must be ≥ ackMinutes' });
      expectApiError(
        await suite.admin.post('/api/admin/sla-policies', policyBody({ categoryId: 'no-such-category' })),
        422,
        'unknown_reference',
        ['categoryId'],
      );
      expectApiError(
        await suite.admin.post(
          '/api/admin/sla-policies',
          policyBody({ categoryId: 'no-such-category', escalationPolicyId: 'no-such-policy' }),
        ),
        422,
        'unknown_reference',
        ['categoryId', 'escalationPolicyId'],
      );
      expectApiError(await suite.admin.get('/api/admin/sla-policies?history=maybe'), 400, 'invalid_request', [
        'history',
      ]);
      expect(await suite.policies(true)).toEqual(before);
    });
  });

  describe('escalation policies', () => {
    it('lists policies with the deadline policies using them; creates and replaces one that a policy can then use', async () => {
      const standard = (await suite.escalations()).find((e) => e.id === 'standard')!;
      expect(standard.levels).toHaveLength(6);
      expect(standard.slaPolicyIds.length).toBeGreaterThan(0);

      const created = await put(
        suite.admin,
        '/api/admin/escalation-policies/night-escalation',
        escalationBody(),
      );
      expectStatus(created, 201);
      expect(AdminEscalationPolicy.parse(created.body)).toEqual({
        id: 'night-escalation',
        ...escalationBody(),
        slaPolicyIds: [],
        updatedAt: new Date(suite.now).toISOString(),
      });
      const levels = [
        LEVEL,
        { ...LEVEL, condition: 'not_resolved', target: 'city_supervisors', delayMinutes: 60 },
      ];
      expectStatus(
        await put(suite.admin, '/api/admin/escalation-policies/night-escalation', escalationBody({ levels })),
        200,
      );
      const policy = await suite.admin.post(
        '/api/admin/sla-policies',
        policyBody({ categoryId: 'noise', priority: 'low', escalationPolicyId: 'night-escalation' }),
      );
      expectStatus(policy, 201);
      expect((await suite.escalations()).find((e) => e.id === 'night-escalation')).toMatchObject({
        levels,
        slaPolicyIds: [AdminSlaPolicy.parse(policy.body).id],
      });
    });

    it('refuses bad levels with 400 naming the level and field', async () => {
      const before = await suite.escalations();
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
          await put(suite.admin, '/api/admin/escalation-policies/standard', escalationBody(overrides)),
          400,
          'invalid_request',
          fields,
        );
      expect(await suite.escalations()).toEqual(before);
    });
  });
}
