import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiDaily, KpiReport } from '../../server/contracts/kpi-report.contract.ts';
import { createLogger } from '../../server/logger.ts';
import { seededRandom } from '../../server/simulator/random.ts';
import { Simulator } from '../../server/simulator/simulator.ts';
import { recountDaily } from '../support/kpi-daily-recount.ts';
import { expectLinesMatchRecount, loadKpiRows, recountKpis } from '../support/kpi-recount.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectApiError, expectStatus, startTestStack, type TestStack } from '../support/test-server.ts';

const ZONE = 'Asia/Almaty';
// Astana's days from 8 to 12 November 2026 (UTC+5: each starts at 19:00 UTC the evening before).
const FROM = '2026-11-07T19:00:00.000Z';
const TO = '2026-11-12T19:00:00.000Z';

describe.each(DATABASE_KINDS)('the daily KPI trend and the report total on %s', (kind) => {
  let stack: TestStack;
  let now = Date.parse('2026-11-08T01:00:00Z');

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
    await stack.server.komek.timers.stop();
    // Three days of simulated traffic, night and day, worked through the real service: appeals
    // filed on one day are often resolved on the next.
    const simulator = new Simulator(
      stack.server.komek.db,
      stack.server.komek.tickets,
      60,
      createLogger('silent'),
      seededRandom(11),
      () => now,
    );
    await simulator.prepare();
    for (let i = 0; i < 150; i++) {
      now += 30 * 60_000;
      await simulator.tick();
    }
    await simulator.stop();
    // An appeal answered on the call is received and resolved on the same day.
    await stack.staff.operator.api.createTicket({
      categoryId: 'information-request',
      firstContactAnswer: 'Call 112',
    });
  });
  afterAll(() => stack?.close());

  it('equals a recount of every ticket and state change, day by day, up to now', async () => {
    const res = await stack.staff.supervisor.api.get(`/api/kpis/daily?from=${FROM}&to=${TO}`);
    expectStatus(res, 200);
    const daily = KpiDaily.parse(res.body);
    // Now is 09:00 on the 11th in Astana: the 12th has not come, so it is not a day of zeros.
    expect(daily.days.map((d) => d.date)).toEqual(['2026-11-08', '2026-11-09', '2026-11-10', '2026-11-11']);
    expect(daily.days[1]!.from).toBe('2026-11-08T19:00:00.000Z');
    const expected = await recountDaily(stack.server.komek.db, new Date(FROM), new Date(now + 1), ZONE);
    for (const day of daily.days)
      expect({ date: day.date, received: day.received, resolved: day.resolved }).toEqual({
        date: day.date,
        received: expected.get(day.date)?.received ?? 0,
        resolved: expected.get(day.date)?.resolved ?? 0,
      });
    expect(daily.totals.received).toBe(daily.days.reduce((n, d) => n + d.received, 0));
    expect(daily.totals.received).toBeGreaterThan(100);
    // Work carried over: something resolved on a day other than the one it came in.
    expect(daily.days.filter((d) => d.resolved > 0).length).toBeGreaterThan(1);
    expect(daily.totals.resolved).toBe(daily.days.reduce((n, d) => n + d.resolved, 0));
  });

  it('splits a period that starts mid-day, and lists quiet days as zeros', async () => {
    const res = await stack.staff.supervisor.api.get(
      '/api/kpis/daily?from=2026-11-09T12:00:00%2B05:00&to=2026-11-10T12:00:00%2B05:00',
    );
    const daily = KpiDaily.parse(res.body);
    expect(daily.days.map((d) => [d.date, d.from])).toEqual([
      ['2026-11-09', '2026-11-09T07:00:00.000Z'],
      ['2026-11-10', '2026-11-09T19:00:00.000Z'],
    ]);
    const expected = await recountDaily(
      stack.server.komek.db,
      new Date('2026-11-09T07:00:00Z'),
      new Date('2026-11-10T07:00:00Z'),
      ZONE,
    );
    expect(daily.days.map((d) => d.received)).toEqual(daily.days.map((d) => expected.get(d.date)?.received));
    const quiet = KpiDaily.parse(
      (
        await stack.staff.supervisor.api.get(
          '/api/kpis/daily?from=2026-10-01T00:00:00Z&to=2026-10-04T00:00:00Z',
        )
      ).body,
    );
    expect(quiet.days).toHaveLength(4);
    expect(quiet.days.every((d) => d.received === 0 && d.resolved === 0)).toBe(true);
    expect(quiet.totals).toEqual({ received: 0, resolved: 0 });
  });

  it('gives every report its measured total, zeros for an empty period', async () => {
    for (const group of ['agency', 'channel', 'all'] as const) {
      const res = await stack.staff.supervisor.api.get(
        `/api/kpis/report?from=${FROM}&to=${TO}&groupBy=${group}`,
      );
      const report = KpiReport.parse(res.body);
      const { tickets, events } = await loadKpiRows(stack.server.komek.db, new Date(FROM), new Date(TO));
      expectLinesMatchRecount(
        [report.total],
        recountKpis(tickets, events, 'all', new Date(now)),
        `${group}: `,
      );
    }
    const empty = KpiReport.parse(
      (
        await stack.staff.supervisor.api.get(
          '/api/kpis/report?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z',
        )
      ).body,
    );
    expect(empty.lines).toEqual([]);
    expect(empty.total).toMatchObject({
      key: null,
      received: 0,
      processedRate: null,
      resolveCompliance: null,
    });
  });

  it('refuses a bad period and agency staff', async () => {
    const backwards = await stack.staff.supervisor.api.get(
      '/api/kpis/daily?from=2026-11-10T00:00:00Z&to=2026-11-09T00:00:00Z',
    );
    expectApiError(backwards, 400, 'invalid_request', ['to']);
    expectApiError(
      await stack.staff.supervisor.api.get(
        '/api/kpis/daily?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      ),
      400,
      'invalid_request',
      ['to'],
    );
    expectApiError(
      await stack.staff.supervisor.api.get('/api/kpis/daily?from=yesterday'),
      400,
      'invalid_request',
      ['from'],
    );
    expectApiError(await stack.staff.supervisor.api.get('/api/kpis/daily?days=7'), 400, 'invalid_request');
    expectApiError(await stack.staff.water.api.get('/api/kpis/daily'), 403, 'forbidden');
  });
});
