import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiTrend } from '../../server/contracts/kpi-trend.contract.ts';
import { Kpis } from '../../server/contracts/realtime.contract.ts';
import { KpiSampler } from '../../server/kpi/kpi-sampler.ts';
import { createLogger } from '../../server/logger.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectApiError, expectStatus, startTestStack, type TestStack } from '../support/test-server.ts';

const MINUTE_MS = 60_000;

describe.each(DATABASE_KINDS)("the KPI tiles' trend on %s", (kind) => {
  let stack: TestStack;
  let now = Date.parse('2026-11-26T06:00:20Z');
  const clock = () => new Date(now);

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock });
    await stack.server.komek.timers.stop();
  });
  afterAll(() => stack?.close());

  const kpis = async () => {
    const res = await stack.staff.supervisor.api.get('/api/kpis');
    expectStatus(res, 200);
    return Kpis.parse(res.body);
  };
  const sampler = () => new KpiSampler(stack.server.komek.db, kpis, clock, createLogger('silent'));
  const trend = async (query = '') => {
    const res = await stack.staff.display.api.get(`/api/kpis/trend${query}`);
    expectStatus(res, 200);
    return KpiTrend.parse(res.body);
  };

  it('keeps one sample a minute whatever the number of processes, and serves them oldest first', async () => {
    const db = stack.server.komek.db;
    await db.query('delete from kpi_samples');
    const [a, b] = [sampler(), sampler()];
    expect(await a.sampleNow()).toBe(true);
    expect(await b.sampleNow()).toBe(false);
    await stack.staff.operator.api.createTicket();
    await stack.staff.operator.api.createTicket();
    now += MINUTE_MS;
    expect(await b.sampleNow()).toBe(true);
    now += 3 * MINUTE_MS; // two minutes with no server: no samples, not zeros
    expect(await a.sampleNow()).toBe(true);

    const { samples, stepMinutes } = await trend('?minutes=10');
    expect(stepMinutes).toBe(1);
    expect(samples.map((s) => s.at)).toEqual([
      '2026-11-26T06:00:00.000Z',
      '2026-11-26T06:01:00.000Z',
      '2026-11-26T06:04:00.000Z',
    ]);
    expect(samples[1]!.receivedToday - samples[0]!.receivedToday).toBe(2);
    expect(samples[1]!.open - samples[0]!.open).toBe(2);
    const current = await kpis();
    expect(samples[2]).toMatchObject({
      receivedToday: current.receivedToday,
      open: current.open,
      overdue: current.overdue,
      firstContactRate: current.firstContactRate,
    });
    // The window counts back from the current minute.
    expect((await trend('?minutes=4')).samples.map((s) => s.at)).toEqual([
      '2026-11-26T06:01:00.000Z',
      '2026-11-26T06:04:00.000Z',
    ]);
  });

  it('forgets samples older than a week, on the hour', async () => {
    const db = stack.server.komek.db;
    await db.query(`insert into kpi_samples (at, figures) values ($1, '{}'::jsonb)`, [
      new Date(now - 8 * 86_400_000),
    ]);
    now = Date.parse('2026-11-26T07:00:05Z');
    expect(await sampler().sampleNow()).toBe(true);
    const rows = await db.query<{ n: number }>('select count(*)::int as n from kpi_samples where at < $1', [
      new Date(now - 7 * 86_400_000),
    ]);
    expect(rows[0]!.n).toBe(0);
  });

  it('answers a bad window with the field', async () => {
    for (const bad of ['0', '1441', 'abc', '2.5'])
      expectApiError(
        await stack.staff.supervisor.api.get(`/api/kpis/trend?minutes=${bad}`),
        400,
        'invalid_request',
        ['minutes'],
      );
    expectApiError(await stack.staff.supervisor.api.get('/api/kpis/trend?hours=3'), 400, 'invalid_request');
    expect((await fetch(`${stack.server.url}/api/kpis/trend`)).status).toBe(401);
  });
});
