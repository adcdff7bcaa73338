import { describe, expect, it } from 'vitest';
import { overdueLevel, percent, rateLevel } from './kpi-level.ts';

describe('rateLevel', () => {
  it('is green at or above target, amber within the margin, red below', () => {
    expect(rateLevel(0.85, 0.85, 0.1)).toBe('good');
    expect(rateLevel(0.9, 0.85, 0.1)).toBe('good');
    expect(rateLevel(0.8, 0.85, 0.1)).toBe('warn');
    expect(rateLevel(0.75, 0.85, 0.1)).toBe('warn');
    expect(rateLevel(0.74, 0.85, 0.1)).toBe('bad');
    expect(rateLevel(0.84, 0.85, 0)).toBe('bad');
    expect(rateLevel(null, 0.85, 0.1)).toBe('none');
  });
});

describe('overdueLevel', () => {
  it('is green at zero, amber under 5 % of open, red above', () => {
    expect(overdueLevel(0, 100)).toBe('good');
    expect(overdueLevel(4, 100)).toBe('warn');
    expect(overdueLevel(5, 100)).toBe('bad');
    expect(overdueLevel(null, 100)).toBe('none');
  });
});

describe('percent', () => {
  it('rounds a share to a whole percentage', () => {
    expect(percent(0.847)).toBe(85);
    expect(percent(1)).toBe(100);
  });
});
