import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KpiDaily, KpiReport } from '#contracts/kpi-report.contract.ts';
import { ApiError } from '../api.ts';
import { Loadable } from './loadable.svelte.ts';
import { fetchReportFigures, isEmptyReport } from './report-figures.ts';

const PERIOD = {
  from: '2026-11-01T00:00:00+05:00',
  to: '2026-11-08T00:00:00+05:00',
  firstDay: '2026-11-01',
  lastDay: '2026-11-07',
};
const total = { key: null, received: 3 } as KpiReport['total'];
const report = (groupBy: KpiReport['groupBy']): KpiReport => ({
  from: '',
  to: '',
  groupBy,
  lines: [],
  total,
});
const daily: KpiDaily = { from: '', to: '', days: [], totals: { received: 3, resolved: 1 } };

/** Answers each API path as the server would, and records what was asked. */
function fakeApi() {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const u = new URL(url, 'http://komek.test');
      const body =
        u.pathname === '/api/kpis/daily' ? daily : report(u.searchParams.get('groupBy') as 'agency');
      return new Response(JSON.stringify(body), { status: 200 });
    }),
  );
  return asked;
}

afterEach(() => vi.unstubAllGlobals());

describe('report figures', () => {
  it('asks for the breakdown, the channels and the days of the same period', async () => {
    const asked = fakeApi();
    const figures = await fetchReportFigures(PERIOD, 'district');
    expect(asked.sort()).toEqual([
      '/api/kpis/daily?from=2026-11-01T00%3A00%3A00%2B05%3A00&to=2026-11-08T00%3A00%3A00%2B05%3A00',
      '/api/kpis/report?from=2026-11-01T00%3A00%3A00%2B05%3A00&to=2026-11-08T00%3A00%3A00%2B05%3A00&groupBy=channel',
      '/api/kpis/report?from=2026-11-01T00%3A00%3A00%2B05%3A00&to=2026-11-08T00%3A00%3A00%2B05%3A00&groupBy=district',
    ]);
    expect(figures.groupBy).toBe('district');
    expect(figures.report.groupBy).toBe('district');
    expect(figures.channels.groupBy).toBe('channel');
    expect(isEmptyReport(figures)).toBe(false);
  });

  it('asks once when the breakdown is by channel', async () => {
    const asked = fakeApi();
    const figures = await fetchReportFigures(PERIOD, 'channel');
    expect(asked.filter((u) => u.startsWith('/api/kpis/report'))).toHaveLength(1);
    expect(figures.channels).toBe(figures.report);
  });

  it('calls a period empty only when nothing came in and nothing was resolved', () => {
    const none = { ...report('agency'), total: { ...total, received: 0 } };
    expect(
      isEmptyReport({
        groupBy: 'agency',
        report: none,
        channels: none,
        daily: { ...daily, totals: { received: 0, resolved: 0 } },
      }),
    ).toBe(true);
    expect(isEmptyReport({ groupBy: 'agency', report: none, channels: none, daily })).toBe(false);
  });
});

describe('Loadable', () => {
  it('keeps the newest answer when an older one arrives late', async () => {
    const view = new Loadable<string>();
    let releaseOld: (v: string) => void = () => {};
    const old = view.load(() => new Promise((resolve) => (releaseOld = resolve)));
    await view.load(async () => 'this month');
    releaseOld('last week');
    await old;
    expect(view.data).toBe('this month');
    expect(view.loading).toBe(false);
  });

  it('clears the figures on a failure and loads them again on retry', async () => {
    const view = new Loadable<string>();
    await view.load(async () => 'week');
    let fail = true;
    await view.load(async () => {
      if (fail) throw new ApiError(0, { code: 'network', message: 'offline' });
      return 'month';
    });
    expect(view.data).toBeNull();
    expect(view.error).toBeInstanceOf(ApiError);
    fail = false;
    await view.retry();
    expect(view).toMatchObject({ data: 'month', error: null, loading: false });
  });
});
