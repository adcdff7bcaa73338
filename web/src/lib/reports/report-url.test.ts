import { describe, expect, it } from 'vitest';
import {
  csvHref,
  DEFAULT_REPORT_STATE,
  readReportState,
  reportSearch,
  type ReportState,
} from './report-url.ts';

const read = (query: string) => readReportState(new URLSearchParams(query));

describe('report URL state', () => {
  it('opens the default report without a query and writes none for it', () => {
    expect(read('')).toEqual(DEFAULT_REPORT_STATE);
    expect(reportSearch(DEFAULT_REPORT_STATE)).toBe('');
  });

  it('round-trips every choice through the query', () => {
    const state: ReportState = {
      period: 'custom',
      from: '2026-11-01',
      to: '2026-11-15',
      groupBy: 'district',
      sort: 'resolveCompliance',
      dir: 'asc',
    };
    const search = reportSearch(state);
    expect(search).toBe(
      '?period=custom&from=2026-11-01&to=2026-11-15&groupBy=district&sort=resolveCompliance&dir=asc',
    );
    expect(read(search.slice(1))).toEqual(state);
    expect(read('period=lastMonth&groupBy=channel')).toEqual({
      ...DEFAULT_REPORT_STATE,
      period: 'lastMonth',
      groupBy: 'channel',
    });
  });

  it('drops custom days from a preset and reads days alone as a custom period', () => {
    expect(
      reportSearch({ ...DEFAULT_REPORT_STATE, period: 'today', from: '2026-11-01', to: '2026-11-02' }),
    ).toBe('?period=today');
    expect(read('period=today&from=2026-11-01')).toMatchObject({ period: 'today', from: null, to: null });
    expect(read('from=2026-11-01&to=2026-11-03')).toMatchObject({
      period: 'custom',
      from: '2026-11-01',
      to: '2026-11-03',
    });
  });

  it('falls back to the default for anything unknown, and sorts a chosen column its natural way', () => {
    expect(read('period=forever&groupBy=weather&sort=colour&dir=sideways')).toEqual(DEFAULT_REPORT_STATE);
    expect(read('sort=key')).toMatchObject({ sort: 'key', dir: 'asc' });
    expect(read('sort=overdueNow')).toMatchObject({ sort: 'overdueNow', dir: 'desc' });
  });

  it('links the CSV export of the same period and breakdown', () => {
    expect(csvHref({ from: '2026-11-01T00:00:00+05:00', to: '2026-12-01T00:00:00+05:00' }, 'category')).toBe(
      '/api/kpis/report.csv?from=2026-11-01T00%3A00%3A00%2B05%3A00&to=2026-12-01T00%3A00%3A00%2B05%3A00&groupBy=category',
    );
  });
});
