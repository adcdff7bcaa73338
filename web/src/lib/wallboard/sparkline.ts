/**
 * An SVG path through `values` spread evenly over `width`, scaled between their lowest and highest
 * (a flat series sits in the middle); a null breaks the line, so a gap in the samples shows as one.
 * With `floorZero`, counts keep 0 at the bottom, so a small wobble does not look like a swing.
 */
export function sparklinePath(
  values: readonly (number | null)[],
  width: number,
  height: number,
  floorZero = false,
): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return '';
  const low = floorZero ? Math.min(0, ...known) : Math.min(...known);
  const high = Math.max(...known);
  const span = high - low;
  const step = width / (values.length - 1);
  const y = (v: number) => (span === 0 ? height / 2 : height - ((v - low) / span) * height);
  const round = (n: number) => Math.round(n * 10) / 10;
  let path = '';
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${round(i * step)} ${round(y(v))}`;
    drawing = true;
  });
  return path;
}

/**
 * How a figure moved over the series: the last known value against the first, or null with fewer
 * than two; what a screen reader hears instead of the line.
 */
export function trendDelta(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length < 2 ? null : known[known.length - 1]! - known[0]!;
}
