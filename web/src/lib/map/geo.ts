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
 * Where to put a district's label: its area-weighted centroid, or, with `rise` above 0, that far of
 * the way from the centroid to the outline due north of it. Clusters of tickets spread over a district
 * gather at its centroid and would cover a name drawn there (names sit under the tickets); a shape
 * too concave to have outline above its centroid keeps the centroid.
 */
export function labelPoint(feature: Feature, rise = 0): [lat: number, lon: number] | null {
  const outer = largestRing(feature);
  if (!outer) return null;
  const [lat, lon] = centroid(outer.ring, outer.area);
  const north = rise > 0 ? outlineAbove(outer.ring, lon, lat) : null;
  return [north === null ? lat : lat + (north - lat) * rise, lon];
}

function largestRing(feature: Feature): { ring: Position[]; area: number } | null {
  const outer = rings(feature.geometry)
    .map((ring) => ({ ring, area: ringArea(ring) }))
    .sort((a, b) => Math.abs(b.area) - Math.abs(a.area))[0];
  return outer && outer.area !== 0 ? outer : null;
}

/** The area-weighted centroid of a ring (the vertex average drifts towards densely drawn edges). */
function centroid(r: Position[], area: number): [lat: number, lon: number] {
  let cx = 0,
    cy = 0;
  for (let i = 0; i < r.length - 1; i++) {
    const [x0 = 0, y0 = 0] = r[i] ?? [];
    const [x1 = 0, y1 = 0] = r[i + 1] ?? [];
    const cross = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [cy / (6 * area), cx / (6 * area)];
}

/** The latitude of the nearest edge crossing the meridian `lon` north of `lat`, or null. */
function outlineAbove(r: Position[], lon: number, lat: number): number | null {
  let nearest: number | null = null;
  for (let i = 0; i < r.length - 1; i++) {
    const [x0 = 0, y0 = 0] = r[i] ?? [];
    const [x1 = 0, y1 = 0] = r[i + 1] ?? [];
    if (x0 <= lon === x1 <= lon) continue;
    const y = y0 + ((lon - x0) * (y1 - y0)) / (x1 - x0);
    if (y > lat && (nearest === null || y < nearest)) nearest = y;
  }
  return nearest;
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
