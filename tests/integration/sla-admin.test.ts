import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectApiError, WATER_AGENCY } from '../support/test-server.ts';
import { calendarTests } from './sla-admin-calendars.suite.ts';
import { categoryTests } from './sla-admin-categories.suite.ts';
import {
  calendarBody,
  categoryBody,
  escalationBody,
  policyBody,
  useSlaAdminSuite,
} from './sla-admin-fixtures.ts';
import { historyTests } from './sla-admin-history.suite.ts';
import { policyTests } from './sla-admin-policies.suite.ts';

// The administration of deadlines, calendars, escalation and categories, on one stack per database.
// The families of tests are in sla-admin-*.suite.ts and run here, in this order, on the same stack
// (each new test file would start a stack of its own, and the integration project runs its files
// one after another): calendars, policies, categories, then the history of a change.

describe.each(DATABASE_KINDS)('administration of deadlines, calendars and escalation on %s', (kind) => {
  const suite = useSlaAdminSuite(kind);

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
    const { supervisor, operator, water, display } = suite.stack.staff;
    const [calendarsBefore, policiesBefore] = [await suite.calendars(), await suite.policies(true)];
    for (const [method, path, body] of calls) {
      const init =
        body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
      expectApiError(await suite.stack.server.api().send(method, path, init), 401, 'unauthenticated');
      for (const who of [supervisor, operator, water, display])
        expectApiError(await who.api.send(method, path, init), 403, 'forbidden');
    }
    expect(await suite.calendars()).toEqual(calendarsBefore);
    expect(await suite.policies(true)).toEqual(policiesBefore);
    expect((await suite.categoryOf('flooding'))?.name.en).toBe('Flooded street or standing water');
  });

  calendarTests(suite);
  policyTests(suite);
  categoryTests(suite);

  it('documents every endpoint in the OpenAPI document', async () => {
    const res = await suite.stack.server.api().get('/api/openapi.json');
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

  historyTests(suite);
});
