// The heat map's arithmetic, apart from any canvas: points binned into a pixel grid, how strongly a
// cell is stamped, and the palette that turns the stamped alpha into colour.

/** How many points fall in each `cellPx` square of the view, with a margin for points just outside. */
export interface HeatGrid {
  cols: number;
  rows: number;
  cellPx: number;
  /** Pixels the grid extends beyond each edge of the view (a point just outside still glows in). */
  marginPx: number;
  weights: Float32Array;
  /** The heaviest cell. */
  max: number;
}

/**
 * Bins projected points (container pixels: `xs[i]`, `ys[i]`) into cells. 50,000 points become a few
 * thousand cells, so the canvas stamps each cell once instead of each ticket.
 */
export function heatGrid(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  widthPx: number,
  heightPx: number,
  cellPx: number,
  marginPx: number,
): HeatGrid {
  const cols = Math.max(1, Math.ceil((widthPx + 2 * marginPx) / cellPx));
  const rows = Math.max(1, Math.ceil((heightPx + 2 * marginPx) / cellPx));
  const weights = new Float32Array(cols * rows);
  let max = 0;
  const count = Math.min(xs.length, ys.length);
  for (let i = 0; i < count; i++) {
    const col = Math.floor(((xs[i] ?? NaN) + marginPx) / cellPx);
    const row = Math.floor(((ys[i] ?? NaN) + marginPx) / cellPx);
    if (!(col >= 0 && col < cols && row >= 0 && row < rows)) continue;
    const cell = row * cols + col;
    const weight = (weights[cell] ?? 0) + 1;
    weights[cell] = weight;
    if (weight > max) max = weight;
  }
  return { cols, rows, cellPx, marginPx, weights, max };
}

/**
 * The opacity a cell is stamped with: logarithmic in its weight against the heaviest, so one dense
 * block does not wash out the rest of the city, and never so faint that a lone ticket vanishes.
 */
export function cellAlpha(weight: number, max: number): number {
  if (weight <= 0 || max <= 0) return 0;
  return Math.min(1, Math.max(0.12, Math.log1p(weight) / Math.log1p(max)));
}

/** Colour stops from cool to hot: [position 0–1, [r, g, b]]. */
export type HeatStops = readonly (readonly [number, readonly [number, number, number]])[];

/** Blue (a few) through green and yellow to red (many): the usual heat-map reading. */
export const HEAT_STOPS: HeatStops = [
  [0, [37, 99, 235]],
  [0.35, [34, 197, 94]],
  [0.6, [250, 204, 21]],
  [0.8, [249, 115, 22]],
  [1, [239, 68, 68]],
];

/** 256 RGB triples, one per alpha value, interpolated between the stops. */
export function heatPalette(stops: HeatStops = HEAT_STOPS): Uint8ClampedArray {
  const palette = new Uint8ClampedArray(256 * 3);
  for (let a = 0; a < 256; a++) {
    const t = a / 255;
    const upper = stops.findIndex(([at]) => at >= t);
    const hi = stops[upper < 0 ? stops.length - 1 : upper];
    const lo = stops[Math.max(0, upper - 1)] ?? hi;
    if (!hi || !lo) continue;
    const span = hi[0] - lo[0];
    const f = span > 0 ? (t - lo[0]) / span : 0;
    for (let c = 0; c < 3; c++) palette[a * 3 + c] = lo[1][c]! + (hi[1][c]! - lo[1][c]!) * f;
  }
  return palette;
}

/**
 * Turns a canvas of grey, alpha-only stamps into colour in place: each pixel takes the palette's
 * colour for its alpha, and a floor of opacity so faint heat still reads on a dark map.
 */
export function colorize(rgba: Uint8ClampedArray, palette: Uint8ClampedArray, minAlpha = 60): void {
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = rgba[i + 3] ?? 0;
    if (alpha === 0) continue;
    const p = alpha * 3;
    rgba[i] = palette[p] ?? 0;
    rgba[i + 1] = palette[p + 1] ?? 0;
    rgba[i + 2] = palette[p + 2] ?? 0;
    rgba[i + 3] = Math.max(minAlpha, alpha);
  }
}
