import { describe, expect, it } from 'vitest';
import { sparklinePath, trendDelta } from './sparkline.ts';

describe('sparklinePath', () => {
  it('spreads the values over the width, highest at the top', () => {
    expect(sparklinePath([0, 5, 10], 100, 20)).toBe('M0 20L50 10L100 0');
  });

  it('breaks the line where a sample is missing', () => {
    expect(sparklinePath([1, null, 3, 2], 30, 10)).toBe('M0 10M20 0L30 5');
  });

  it('draws a flat series in the middle and needs two values', () => {
    expect(sparklinePath([4, 4], 10, 10)).toBe('M0 5L10 5');
    expect(sparklinePath([4], 10, 10)).toBe('');
    expect(sparklinePath([null, null], 10, 10)).toBe('');
  });

  it('keeps zero at the bottom for counts when asked', () => {
    expect(sparklinePath([90, 100], 10, 10, true)).toBe('M0 1L10 0');
  });
});

describe('trendDelta', () => {
  it('is the last known value less the first', () => {
    expect(trendDelta([3, null, 7, null])).toBe(4);
    expect(trendDelta([null, 2])).toBeNull();
  });
});
