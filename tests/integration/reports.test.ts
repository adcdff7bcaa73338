import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlySummary } from '../../server/contracts/kpi-report.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { login } from '../support/factories.ts';
import {
  expectApiError,
  expectStatus,
  startTestStack,
  type SignedIn,
  type TestStack,
} from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('reports on %s', (kind) => {
  let stack: TestStack;
  let now = Date.parse('2025-11-10T06:00:00Z');
  /** A year passes in this suite and sessions expire with it: each step logs in afresh. */
  const as = async (who: SignedIn) =>
    stack.server.api(await login(stack.server.url, who.user.username, who.user.password));

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
    await stack.server.komek.timers.stop();
    // November 2025: one flood. November 2026: three floods and a dog, one answered on the call.
    await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    now = Date.parse('2026-11-10T06:00:00Z');
    const operator = await as(stack.staff.operator);
    for (let i = 0; i < 3; i++) await operator.createTicket({ categoryId: 'flooding' });
    await operator.createTicket({ categoryId: 'stray-dogs', channel: 'telegram' });
    await operator.createTicket({
      categoryId: 'information-request',
      firstContactAnswer: 'Call 112',
    });
    now = Date.parse('2026-11-20T06:00:00Z');
  });
  afterAll(() => stack?.close());

  it('summarises a month for a manager, against the same month a year before', async () => {
    const res = await (await as(stack.staff.supervisor)).get('/api/kpis/monthly?month=2026-11');
    expectStatus(res, 200);
    const summary = MonthlySummary.parse(res.body);
    expect(summary).toMatchObject({
      month: '2026-11',
      from: '2026-10-31T19:00:00.000Z',
      received: 5,
      firstContactRate: 0.2,
      lastYear: { received: 1 },
      receivedChange: 4,
      byChannel: { phone: 4, telegram: 1 },
    });
    expect(summary.topCategories[0]).toEqual({ categoryId: 'flooding', received: 3, share: 0.6 });
    // The month is not over: it counts up to now.
    expect(summary.to).toBe(new Date(now + 1).toISOString());
    expectApiError(
      await (await as(stack.staff.supervisor)).get('/api/kpis/monthly?month=2026-13'),
      400,
      'invalid_request',
      ['month'],
    );
    expectApiError(
      await (await as(stack.staff.water)).get('/api/kpis/monthly?month=2026-11'),
      403,
      'forbidden',
    );
  });

  it('exports a report as CSV a spreadsheet opens as it is', async () => {
    const res = await (
      await as(stack.staff.supervisor)
    ).get(
      '/api/kpis/report.csv?from=2026-11-01T00:00:00%2B05:00&to=2026-12-01T00:00:00%2B05:00&groupBy=category',
    );
    expectStatus(res, 200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename=komek-kpis-category-2026-10-31-2026-11-30.csv',
    );
    const lines = String(res.body)
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['from', 'to', 'category', 'received']);
    expect(lines.find((l) => l.includes(',flooding,'))!.split(',')[3]).toBe('3');
    expect(lines).toHaveLength(4);
    expectApiError(
      await (await as(stack.staff.supervisor)).get('/api/kpis/report.csv?groupBy=planet'),
      400,
      'invalid_request',
      ['groupBy'],
    );
  });
});
