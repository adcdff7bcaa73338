import type { KpiSample, KpiSampleFigures } from '#contracts/kpi-trend.contract.ts';

const MINUTE_MS = 60_000;

/**
 * One figure minute by minute over the last `minutes` up to `now`: the sampled value, or null for a
 * minute without a sample (the server was down), so the sparkline shows the gap.
 */
export function trendSeries(
  samples: readonly KpiSample[],
  figure: keyof KpiSampleFigures,
  minutes: number,
  now: Date,
): (number | null)[] {
  const lastMinute = Math.floor(now.getTime() / MINUTE_MS);
  const series = new Array<number | null>(minutes).fill(null);
  for (const sample of samples) {
    const index = minutes - 1 - (lastMinute - Math.floor(Date.parse(sample.at) / MINUTE_MS));
    if (index >= 0 && index < minutes) series[index] = sample[figure];
  }
  // Nothing sampled yet at the start of the window: start the line where the samples start.
  const first = series.findIndex((v) => v !== null);
  return first <= 0 ? series : series.slice(first);
}
