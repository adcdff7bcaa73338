import { describe, expect, it } from 'vitest';
import { countRows } from './figures-table.ts';

describe('countRows', () => {
  it('makes a row per label, keyed like the chart, with its count written out', () => {
    const series = { keys: ['phone', null], labels: ['Phone', 'Other'], values: [1200, 3] };
    expect(countRows(series, (n) => `#${n}`)).toEqual([
      { key: 'phone', label: 'Phone', cells: ['#1200'] },
      { key: null, label: 'Other', cells: ['#3'] },
    ]);
  });

  it('writes a missing count as zero', () => {
    expect(countRows({ keys: ['a'], labels: ['A'], values: [] }, String)).toEqual([
      { key: 'a', label: 'A', cells: ['0'] },
    ]);
  });
});
