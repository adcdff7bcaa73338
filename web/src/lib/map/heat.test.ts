import { describe, expect, it } from 'vitest';
import { cellAlpha, colorize, HEAT_STOPS, heatGrid, heatPalette } from './heat.ts';

describe('heatGrid', () => {
  it('counts the points of each cell, with a margin beyond the view, and the heaviest cell', () => {
    const grid = heatGrid([5, 6, 7, 25, -5, 500], [5, 5, 6, 5, -5, 500], 40, 20, 10, 10);
    expect(grid.cols).toBe(6);
    expect(grid.rows).toBe(4);
    // (5,5) → cell (1,1) thrice; (25,5) → (3,1); (-5,-5) → (0,0), inside the margin; (500,500) dropped.
    expect(grid.weights[1 * 6 + 1]).toBe(3);
    expect(grid.weights[1 * 6 + 3]).toBe(1);
    expect(grid.weights[0]).toBe(1);
    expect(grid.weights.reduce((a, b) => a + b, 0)).toBe(5);
    expect(grid.max).toBe(3);
  });
});

describe('cellAlpha', () => {
  it('is full at the heaviest cell, never invisible for one ticket, zero for none', () => {
    expect(cellAlpha(100, 100)).toBe(1);
    expect(cellAlpha(1, 10_000)).toBeGreaterThan(0.1);
    expect(cellAlpha(10, 100)).toBeGreaterThan(cellAlpha(1, 100));
    expect(cellAlpha(0, 100)).toBe(0);
  });
});

describe('heatPalette and colorize', () => {
  it('runs from the first stop to the last', () => {
    const palette = heatPalette();
    expect([...palette.slice(0, 3)]).toEqual([...HEAT_STOPS[0]![1]]);
    expect([...palette.slice(255 * 3)]).toEqual([...HEAT_STOPS.at(-1)![1]]);
  });

  it('colours stamped pixels by their alpha and leaves empty ones alone', () => {
    const palette = heatPalette();
    const pixels = new Uint8ClampedArray([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 10]);
    colorize(pixels, palette, 60);
    expect([...pixels.slice(0, 4)]).toEqual([...HEAT_STOPS.at(-1)![1], 255]);
    expect([...pixels.slice(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(pixels[11]).toBe(60);
  });
});
