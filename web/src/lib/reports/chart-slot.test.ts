import { describe, expect, it } from 'vitest';
import { ChartSlot } from './chart-slot.ts';

/** A stand-in for Chart.js that counts the charts alive. */
function fakeCharts() {
  const live = new Set<{ config: string }>();
  const create = (config: string) => {
    const chart = { config, destroy: () => void live.delete(chart) };
    live.add(chart);
    return chart;
  };
  return { live, create };
}

describe('ChartSlot', () => {
  it('keeps one chart per canvas however often the figures change, and none once cleared', () => {
    const charts = fakeCharts();
    const slot = new ChartSlot(charts.create);
    for (const config of ['week by agency', 'week by channel', 'month by channel']) {
      slot.draw(config);
      expect([...charts.live].map((c) => c.config)).toEqual([config]);
    }
    expect(slot.chart?.config).toBe('month by channel');
    slot.clear();
    slot.clear();
    expect(charts.live.size).toBe(0);
    expect(slot.chart).toBeNull();
  });

  it('destroys the old chart before making the new one (Chart.js refuses a canvas in use)', () => {
    const order: string[] = [];
    const slot = new ChartSlot((config: string) => {
      order.push(`create ${config}`);
      return { destroy: () => order.push(`destroy ${config}`) };
    });
    slot.draw('a');
    slot.draw('b');
    expect(order).toEqual(['create a', 'destroy a', 'create b']);
  });
});
