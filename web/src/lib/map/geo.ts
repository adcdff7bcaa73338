import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** A district outline's properties as web/static/geo/astana-districts.geojson carries them. */
export interface DistrictProperties {
  id: string;
  name_ru: string;
  name_kk: string;
  name_en: string;
}

/** [[south, west], [north, east]]: the form Leaflet's fitBounds takes. */
export type LatLonBounds = [[number, number], [number, number]];

function rings(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    default:
      return [];
  }
}

/** The box around every polygon of the collection, or null when there is none. */
export function featureBounds(collection: FeatureCollection): LatLonBounds | null {
  let south = Infinity,
    west = Infinity,
    north = -Infinity,
    east = -Infinity;
  for (const feature of collection.features) {
    for (const ring of rings(feature.geometry)) {
      for (const [lon = 0, lat = 0] of ring) {
        south = Math.min(south, lat);
        north = Math.max(north, lat);
        west = Math.min(west, lon);
        east = Math.max(east, lon);
      }
    }
  }
  return Number.isFinite(south)
    ? [
        [south, west],
        [north, east],
      ]
    : null;
}

/**
 * The box a view fits: the district `districtId` when the collection has it, else every outline
 * (the whole city); null when there is nothing to fit.
 */
export function districtBounds(
  collection: FeatureCollection<Geometry, DistrictProperties>,
  districtId: string | null,
): LatLonBounds | null {
  const district = collection.features.filter((f) => f.properties.id === districtId);
  return featureBounds({ ...collection, features: district }) ?? featureBounds(collection);
}

/**
 * Where to put a district's label: the area-weighted centroid of its largest outer ring (the
 * vertex average drifts towards densely drawn edges).
 */
export function labelPoint(feature: Feature): [lat: number, lon: number] | null {
  const outer = rings(feature.geometry)
    .map((ring) => ({ ring, area: ringArea(ring) }))
    .sort((a, b) => Math.abs(b.area) - Math.abs(a.area))[0];
  if (!outer || outer.area === 0) return null;
  let cx = 0,
    cy = 0;
  const r = outer.ring;
  for (let i = 0; i < r.length - 1; i++) {
    const [x0 = 0, y0 = 0] = r[i] ?? [];
    const [x1 = 0, y1 = 0] = r[i + 1] ?? [];
    const cross = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [cy / (6 * outer.area), cx / (6 * outer.area)];
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0 = 0, y0 = 0] = ring[i] ?? [];
    const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

/** Whether a parsed JSON value looks like a FeatureCollection of district outlines. */
export function isDistrictCollection(
  value: unknown,
): value is FeatureCollection<Geometry, DistrictProperties> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((value as { features?: unknown }).features)
  );
}
