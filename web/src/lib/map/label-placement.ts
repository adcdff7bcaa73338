/** A label's box on the map, in the map container's pixels (top-left corner and size). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A cluster's disc on the map, in the map container's pixels. */
export interface Disc {
  x: number;
  y: number;
  r: number;
}

const boxesOverlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A disc's square: a name clear of it is clear of the disc's shadow and outline too. */
const squareOf = (d: Disc): Box => ({ x: d.x - d.r, y: d.y - d.r, w: 2 * d.r, h: 2 * d.r });

/**
 * Where to move a district's name so no cluster disc covers it and it covers no name already
 * placed (`taken`): not at all if it is clear, else the nearest of a few shifts by `step` px (up,
 * then down; then sideways), or not at all when every place is covered (a name half under a disc
 * beats one far from its district).
 */
export function clearOffset(
  label: Box,
  discs: readonly Disc[],
  step: number,
  taken: readonly Box[] = [],
  tries = 3,
): { dx: number; dy: number } {
  const reach = {
    x: label.x - tries * step,
    y: label.y - tries * step,
    w: label.w + 2 * tries * step,
    h: label.h + 2 * tries * step,
  };
  const near = discs.map(squareOf).filter((square) => boxesOverlap(reach, square));
  const candidates: [number, number][] = [[0, 0]];
  for (let k = 1; k <= tries; k++) candidates.push([0, -k * step], [0, k * step]);
  for (let k = 1; k <= tries; k++) candidates.push([-k * step, 0], [k * step, 0]);
  for (const [dx, dy] of candidates) {
    const moved = { ...label, x: label.x + dx, y: label.y + dy };
    if (![...near, ...taken].some((box) => boxesOverlap(moved, box))) return { dx, dy };
  }
  return { dx: 0, dy: 0 };
}
