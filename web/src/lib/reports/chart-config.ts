import type { ChartConfiguration, ChartOptions, ChartType } from 'chart.js';
import type { ChannelSlices, GroupBars, TrendSeries } from './chart-data.ts';
import { CHART_COLOURS, CHART_INK } from './chart-palette.ts';

/**
 * Chart.js configurations of the report charts, built from shaped figures: plain data, so a chart
 * is recreated from scratch whenever its figures or the language change. Numbers on axes and in
 * tooltips follow `locale` (a BCP 47 tag); nothing animates, so what is printed or captured is
 * what is there.
 */
function baseOptions<T extends ChartType>(locale: string): ChartOptions<T> {
  return {
    locale,
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { labels: { color: CHART_INK.text, usePointStyle: true, boxHeight: 8 } },
      tooltip: { mode: 'index', intersect: false },
    },
  } as ChartOptions<T>;
}

const countAxis = {
  beginAtZero: true,
  ticks: { precision: 0, color: CHART_INK.text },
  grid: { color: CHART_INK.grid },
};
const labelAxis = { ticks: { color: CHART_INK.text, autoSkipPadding: 8 }, grid: { display: false } };

/** Received against resolved per day: two lines told apart by colour, dash and point shape. */
export function trendChart(
  series: TrendSeries,
  names: { received: string; resolved: string },
  locale: string,
): ChartConfiguration<'line'> {
  return {
    type: 'line',
    data: {
      labels: series.labels,
      datasets: [
        {
          label: names.received,
          data: series.received,
          borderColor: CHART_COLOURS.blue,
          backgroundColor: CHART_COLOURS.blue,
          borderWidth: 2.5,
          pointStyle: 'circle',
          pointRadius: 3,
        },
        {
          label: names.resolved,
          data: series.resolved,
          borderColor: CHART_COLOURS.vermillion,
          backgroundColor: CHART_COLOURS.vermillion,
          borderWidth: 2.5,
          borderDash: [6, 4],
          pointStyle: 'triangle',
          pointRadius: 4,
        },
      ],
    },
    options: { ...baseOptions<'line'>(locale), scales: { x: labelAxis, y: countAxis } },
  };
}

/** Appeals received by group as horizontal bars, in the order given (busiest on top). */
export function groupChart(bars: GroupBars, name: string, locale: string): ChartConfiguration<'bar'> {
  const options = baseOptions<'bar'>(locale);
  return {
    type: 'bar',
    data: {
      labels: bars.labels,
      datasets: [
        { label: name, data: bars.values, backgroundColor: CHART_COLOURS.blue, maxBarThickness: 22 },
      ],
    },
    options: {
      ...options,
      indexAxis: 'y',
      plugins: { ...options.plugins, legend: { display: false } },
      scales: { x: countAxis, y: { ...labelAxis, ticks: { ...labelAxis.ticks, autoSkip: false } } },
    },
  };
}

/** Appeals by channel as a doughnut, slices in the channels' colours with white seams between them. */
export function channelChart(slices: ChannelSlices, locale: string): ChartConfiguration<'doughnut'> {
  const options = baseOptions<'doughnut'>(locale);
  return {
    type: 'doughnut',
    data: {
      labels: slices.labels,
      datasets: [
        {
          data: slices.values,
          backgroundColor: slices.colours,
          borderColor: CHART_INK.surface,
          borderWidth: 2,
        },
      ],
    },
    options: {
      ...options,
      cutout: '55%',
      plugins: {
        ...options.plugins,
        legend: { position: 'right', labels: { color: CHART_INK.text, usePointStyle: true, boxHeight: 10 } },
        tooltip: { mode: 'nearest', intersect: true },
      },
    },
  };
}

/** The height a bar chart of `bars` needs so every label stays readable, in pixels. */
export const barChartHeight = (bars: number): number => Math.max(160, 48 + bars * 30);
