import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_GROUPS } from '../../db/queries/kpi-report.ts';
import type { KpiReport } from '../../server/contracts/kpi-report.contract.ts';
import { createLogger } from '../../server/logger.ts';
import { seededRandom } from '../../server/simulator/random.ts';
import { Simulator } from '../../server/simulator/simulator.ts';
import { expectLinesMatchRecount, loadKpiRows, recountKpis } from '../support/kpi-recount.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectApiError, startTestStack, type TestStack } from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('KPI report from the event log on %s', (kind) => {
  let stack: TestStack;
  const from = new Date(Date.now() - 3600_000).toISOString();
  beforeAll(async () => {
    stack = await startTestStack(kind);
    // A morning of simulated traffic: appeals filed and worked through the real service.
    let simulated = Date.now();
    const simulator = new Simulator(
      stack.server.komek.db,
      stack.server.komek.tickets,
      600,
      createLogger('silent'),
      seededRandom(7),
      () => simulated,
    );
    await simulator.prepare();
    for (let i = 0; i < 15; i++) {
      simulated += 240_000;
      await simulator.tick();
    }
    await simulator.stop();
  });
  afterAll(() => stack?.close());

  it.each(KPI_GROUPS)('equals a brute-force recount over the log, grouped by %s', async (group) => {
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await stack.staff.supervisor.api.get(
      `/api/kpis/report?from=${from}&to=${to}&groupBy=${group}`,
    );
    expect(res.status).toBe(200);
    const report = res.body as KpiReport;
    const { tickets, events } = await loadKpiRows(stack.server.komek.db, new Date(from), new Date(to));
    const expected = recountKpis(tickets, events, group, new Date());
    expect(report.lines.reduce((n, l) => n + l.received, 0)).toBeGreaterThan(100);
    expectLinesMatchRecount(report.lines, expected);
  });

  it('refuses a bad period and agency staff', async () => {
    const res = await stack.staff.supervisor.api.get(
      '/api/kpis/report?from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z',
    );
    expect(Object.keys(expectApiError(res, 400, 'invalid_request').fields ?? {})).toEqual(['to']);
    expectApiError(
      await stack.staff.supervisor.api.get('/api/kpis/report?groupBy=weather'),
      400,
      'invalid_request',
    );
    expectApiError(await stack.staff.water.api.get('/api/kpis/report'), 403, 'forbidden');
  });
});
