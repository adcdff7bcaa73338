import { describe, expect, it } from 'vitest';
import type { KpiReportLine } from '#contracts/kpi-report.contract.ts';
import { firstDirection, isSortKey, sortLines } from './report-table.ts';

const line = (key: string | null, overrides: Partial<KpiReportLine> = {}): KpiReportLine => ({
  key,
  received: 0,
  processed: 0,
  processedRate: null,
  firstContact: 0,
  firstContactRate: null,
  ackCompliance: null,
  resolveCompliance: null,
  overdueNow: 0,
  openNow: 0,
  misrouteRate: null,
  reopenRate: null,
  acceptMinutesP50: null,
  acceptMinutesP90: null,
  resolveMinutesP50: null,
  resolveMinutesP90: null,
  ...overrides,
});
const names: Record<string, string> = { water: 'Астана Су Арнасы', vet: 'Ветслужба', roads: 'Дороги' };
const nameOf = (key: string | null) => (key ? (names[key] ?? key) : '—');
const keys = (lines: KpiReportLine[]) => lines.map((l) => l.key);

describe('sorting report lines', () => {
  const lines = [
    line('vet', { received: 5, resolveCompliance: 0.5 }),
    line('water', { received: 12, resolveCompliance: null }),
    line('roads', { received: 5, resolveCompliance: 0.9 }),
  ];

  it('sorts figures either way, ties by name', () => {
    expect(keys(sortLines(lines, 'received', 'desc', nameOf, 'ru'))).toEqual(['water', 'vet', 'roads']);
    expect(keys(sortLines(lines, 'received', 'asc', nameOf, 'ru'))).toEqual(['vet', 'roads', 'water']);
  });

  it('puts lines with nothing to measure last, whichever way', () => {
    expect(keys(sortLines(lines, 'resolveCompliance', 'desc', nameOf, 'ru'))).toEqual([
      'roads',
      'vet',
      'water',
    ]);
    expect(keys(sortLines(lines, 'resolveCompliance', 'asc', nameOf, 'ru'))).toEqual([
      'vet',
      'roads',
      'water',
    ]);
  });

  it('sorts names in the language’s order and leaves the input alone', () => {
    expect(keys(sortLines(lines, 'key', 'asc', nameOf, 'ru'))).toEqual(['water', 'vet', 'roads']);
    expect(keys(sortLines(lines, 'key', 'desc', nameOf, 'ru'))).toEqual(['roads', 'vet', 'water']);
    expect(keys(lines)).toEqual(['vet', 'water', 'roads']);
  });

  it('knows its columns and which way each sorts first', () => {
    expect(isSortKey('received')).toBe(true);
    expect(isSortKey('misrouteRate')).toBe(false);
    expect(firstDirection('key')).toBe('asc');
    expect(firstDirection('overdueNow')).toBe('desc');
  });
});
