import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One district's outline: a ring of [lon, lat] points. */
export interface DistrictShape {
  id: string;
  ring: [number, number][];
}

const GEOJSON_PATH = new URL('../../web/static/geo/astana-districts.geojson', import.meta.url);

const DistrictCollection = z.object({
  features: z.array(
    z.object({
      properties: z.object({ id: z.string() }),
      geometry: z.object({
        type: z.literal('Polygon'),
        coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))).min(1),
      }),
    }),
  ),
});

/** The district outlines the wallboard draws, read from the same GeoJSON file (the city outline excluded). */
export function loadDistrictShapes(path: URL = GEOJSON_PATH): DistrictShape[] {
  const parsed = DistrictCollection.parse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.features
    .filter((f) => f.properties.id !== 'city')
    .map((f) => ({ id: f.properties.id, ring: f.geometry.coordinates[0]! }));
}

/** Ray casting: whether [lon, lat] lies inside the ring. */
export function pointInRing(lon: number, lat: number, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The bounding box of a ring as [west, south, east, north]. */
export function ringBounds(ring: readonly (readonly [number, number])[]): [number, number, number, number] {
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

let cityShapes: DistrictShape[] | null = null;

/** Astana's district outlines, read once per process. */
export function astanaDistrictShapes(): DistrictShape[] {
  return (cityShapes ??= loadDistrictShapes());
}

/** The id of the district whose outline contains the point, or null. */
export function districtContaining(
  shapes: readonly DistrictShape[],
  lat: number,
  lon: number,
): string | null {
  return shapes.find((s) => pointInRing(lon, lat, s.ring))?.id ?? null;
}
