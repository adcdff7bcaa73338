import { describe, expect, it } from 'vitest';
import type { KpiSample } from '#contracts/kpi-trend.contract.ts';
import { trendSeries } from './trend-series.ts';

const sample = (at: string, open: number): KpiSample => ({
  at,
  open,
  overdue: 0,
  receivedToday: 0,
  firstContactRate: null,
  processedRate: null,
  ackCompliance: null,
  resolveCompliance: null,
  resolveMinutesP50: null,
});

describe('trendSeries', () => {
  const now = new Date('2026-11-26T10:04:30Z');

  it('puts each sample in its minute, with gaps where none was taken', () => {
    const samples = [
      sample('2026-11-26T10:00:00Z', 5),
      sample('2026-11-26T10:01:00Z', 6),
      sample('2026-11-26T10:04:00Z', 9),
    ];
    expect(trendSeries(samples, 'open', 6, now)).toEqual([5, 6, null, null, 9]);
  });

  it('drops samples outside the window', () => {
    expect(trendSeries([sample('2026-11-26T09:00:00Z', 1)], 'open', 3, now)).toEqual([null, null, null]);
  });
});
