import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlySummary } from '../../server/contracts/kpi-report.contract.ts';
import { login } from '../support/factories.ts';
import { expectLinesMatchRecount, loadKpiRows, recountKpis } from '../support/kpi-recount.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectStatus, startTestStack, type SignedIn, type TestStack } from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('a monthly summary against earlier months on %s', (kind) => {
  let stack: TestStack;
  let now = Date.parse('2025-11-05T06:00:00Z');
  /** A year passes in this suite and sessions expire with it: each step logs in afresh. */
  const as = async (who: SignedIn) =>
    stack.server.api(await login(stack.server.url, who.user.username, who.user.password));
  const summary = async (month: string) => {
    const res = await (await as(stack.staff.supervisor)).get(`/api/kpis/monthly?month=${month}`);
    expectStatus(res, 200);
    return MonthlySummary.parse(res.body);
  };

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now), env: { FIRST_CONTACT_TARGET: '0.8' } });
    await stack.server.komek.timers.stop();
    // November 2025: two floods. October 2026: two floods, one on the 25th (after the 20th).
    // November 2026: three floods, a dog by Telegram, and a question answered on the call.
    await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    now = Date.parse('2025-11-25T06:00:00Z');
    await (await as(stack.staff.operator)).createTicket({ categoryId: 'flooding' });
    now = Date.parse('2026-10-10T06:00:00Z');
    await (await as(stack.staff.operator)).createTicket({ categoryId: 'flooding' });
    now = Date.parse('2026-10-25T06:00:00Z');
    await (await as(stack.staff.operator)).createTicket({ categoryId: 'flooding' });
    now = Date.parse('2026-11-10T06:00:00Z');
    const operator = await as(stack.staff.operator);
    for (let i = 0; i < 3; i++) await operator.createTicket({ categoryId: 'flooding' });
    await operator.createTicket({ categoryId: 'stray-dogs', channel: 'telegram' });
    await operator.createTicket({ categoryId: 'information-request', firstContactAnswer: 'Call 112' });
    now = Date.parse('2026-11-20T06:00:00Z');
  });
  afterAll(() => stack?.close());

  it('compares a running month with the same stretch of the month before and of last year', async () => {
    const november = await summary('2026-11');
    expect(november.complete).toBe(false);
    expect(november.targets).toEqual({ firstContact: 0.8, processed: 0.997, sla: 0.9 });
    // 1–20 October: one flood (the 25th is past the same day); 1–20 November 2025: one.
    expect(november.previousMonth).toMatchObject({
      from: '2026-09-30T19:00:00.000Z',
      to: '2026-10-20T06:00:00.001Z',
      received: 1,
      receivedChange: 4,
      firstContactRate: 0,
    });
    expect(november.sameMonthLastYear).toMatchObject({ received: 1, receivedChange: 4 });
    // The older field reads the same stretch.
    expect(november.lastYear).toEqual({
      received: november.sameMonthLastYear!.received,
      processedRate: november.sameMonthLastYear!.processedRate,
      firstContactRate: november.sameMonthLastYear!.firstContactRate,
    });
  });

  it('lists every agency’s line, as a recount of the month finds them', async () => {
    const november = await summary('2026-11');
    const { tickets, events } = await loadKpiRows(
      stack.server.komek.db,
      new Date(november.from),
      new Date(november.to),
    );
    expectLinesMatchRecount(november.byAgency, recountKpis(tickets, events, 'agency', new Date(now)));
    expect(november.byAgency[0]).toMatchObject({ key: 'astana-su-arnasy', received: 3 });
    expect(november.byAgency.map((l) => l.received)).toEqual(
      [...november.byAgency.map((l) => l.received)].sort((a, b) => b - a),
    );
  });

  it('compares a finished month with the whole of the earlier months', async () => {
    const october = await summary('2026-10');
    expect(october).toMatchObject({
      complete: true,
      from: '2026-09-30T19:00:00.000Z',
      to: '2026-10-31T19:00:00.000Z',
      received: 2,
      previousMonth: null,
      sameMonthLastYear: null,
      lastYear: null,
      receivedChange: null,
    });
    // A year ago November counted both floods, the 25th's too: a finished month is read whole.
    const lastNovember = await summary('2025-11');
    expect(lastNovember).toMatchObject({ complete: true, received: 2, to: '2025-11-30T19:00:00.000Z' });
    expect(lastNovember.previousMonth).toBeNull();
    // A month still to come has nothing yet, and nothing to compare.
    const december = await summary('2026-12');
    expect(december).toMatchObject({ received: 0, complete: false, byAgency: [], topCategories: [] });
    expect(december.to).toBe(december.from);
  });
});
