import { describe, expect, it } from 'vitest';
import type { KpiReportLine } from '#contracts/kpi-report.contract.ts';
import { channelSlices, groupBars, trendSeries } from './chart-data.ts';
import { barChartHeight, channelChart, groupChart, trendChart } from './chart-config.ts';
import { CHART_COLOURS } from './chart-palette.ts';

const line = (key: string | null, received: number) => ({ key, received }) as KpiReportLine;
const names: Record<string, string> = {
  phone: 'Телефон 109',
  telegram: 'Telegram',
  web: 'Сайт',
  social: 'Соцсети',
};
const nameOf = (key: string | null) => (key ? (names[key] ?? key) : '—');

describe('chart data', () => {
  it('draws the days in order with their labels', () => {
    const days = [
      { date: '2026-11-01', from: '', received: 12, resolved: 3 },
      { date: '2026-11-02', from: '', received: 0, resolved: 9 },
    ];
    expect(trendSeries(days, (d) => d.slice(8))).toEqual({
      labels: ['01', '02'],
      received: [12, 0],
      resolved: [3, 9],
    });
  });

  it('puts the busiest groups on top and says how many are left off', () => {
    const lines = [line('b', 4), line('a', 4), line('c', 9), line(null, 1)];
    expect(groupBars(lines, nameOf, 'ru')).toEqual({
      keys: ['c', 'a', 'b', null],
      labels: ['c', 'a', 'b', '—'],
      values: [9, 4, 4, 1],
      hidden: 0,
    });
    expect(groupBars(lines, nameOf, 'ru', 2)).toMatchObject({ keys: ['c', 'a'], hidden: 2 });
  });

  it('gives each channel its own colour, largest slice first, empty channels left out', () => {
    const slices = channelSlices(
      [line('web', 2), line('phone', 30), line('telegram', 0), line('x', 1)],
      nameOf,
    );
    expect(slices).toEqual({
      keys: ['phone', 'web', 'x'],
      labels: ['Телефон 109', 'Сайт', 'x'],
      values: [30, 2, 1],
      colours: [CHART_COLOURS.blue, CHART_COLOURS.purple, CHART_COLOURS.grey],
    });
  });
});

describe('chart configurations', () => {
  it('tells the trend lines apart by more than colour and formats numbers in the locale', () => {
    const config = trendChart(
      { labels: ['1'], received: [1], resolved: [2] },
      { received: 'R', resolved: 'S' },
      'ru-RU',
    );
    const [received, resolved] = config.data.datasets;
    expect(received).toMatchObject({ label: 'R', data: [1], pointStyle: 'circle' });
    expect(resolved).toMatchObject({ label: 'S', data: [2], pointStyle: 'triangle', borderDash: [6, 4] });
    expect(config.options).toMatchObject({ locale: 'ru-RU', animation: false });
  });

  it('draws groups as horizontal bars tall enough for their labels', () => {
    const config = groupChart({ keys: ['a'], labels: ['A'], values: [3], hidden: 0 }, 'Received', 'en-GB');
    expect(config.options).toMatchObject({ indexAxis: 'y', locale: 'en-GB' });
    expect(config.data.datasets[0]!.data).toEqual([3]);
    expect(barChartHeight(1)).toBe(160);
    expect(barChartHeight(12)).toBe(408);
  });

  it('colours the channel slices as shaped', () => {
    const config = channelChart(
      { keys: ['phone'], labels: ['Phone'], values: [5], colours: ['#0072B2'] },
      'en-GB',
    );
    expect(config.data.datasets[0]).toMatchObject({ data: [5], backgroundColor: ['#0072B2'] });
  });
});
