import { describe, expect, it } from 'vitest';
import { loadDistrictShapes, pointInRing, ringBounds } from './district-shapes.ts';

describe('district shapes', () => {
  const square: [number, number][] = [
    [0, 0],
    [2, 0],
    [2, 2],
    [0, 2],
  ];
  it('finds points inside and outside a ring', () => {
    expect(pointInRing(1, 1, square)).toBe(true);
    expect(pointInRing(3, 1, square)).toBe(false);
    expect(ringBounds(square)).toEqual([0, 0, 2, 2]);
  });

  it('loads the five Astana districts from the GeoJSON the wallboard draws', () => {
    const shapes = loadDistrictShapes();
    expect(shapes.map((s) => s.id).sort()).toEqual(['almaty', 'baikonur', 'nura', 'saryarka', 'yesil']);
    // Baiterek tower stands on the left bank, in Yesil district.
    expect(shapes.find((s) => pointInRing(71.4304, 51.1283, s.ring))?.id).toBe('yesil');
  });
});
