import type { Sql } from '../../db/client.ts';
import { listDistricts } from '../../db/queries/reference.ts';
import { nearestDistrict } from '../engine/district-locator.ts';
import { invalid } from '../errors.ts';
import { astanaDistrictShapes, districtContaining } from './district-shapes.ts';

/**
 * The district a point lies in: inside a district's outline, or (the outlines are approximate) the
 * nearest district centre within reason; null when the point is outside the city.
 */
export async function districtOfPoint(db: Sql, lat: number, lon: number): Promise<string | null> {
  const inside = districtContaining(astanaDistrictShapes(), lat, lon);
  if (inside) return inside;
  const centres = (await listDistricts(db)).map((d) => ({ id: d.id, lat: d.center_lat, lon: d.center_lon }));
  return nearestDistrict(centres, lat, lon);
}

/** Whether a point is in the city: the one test every door (API, Open311, web form, Telegram) applies. */
export async function isInCity(db: Sql, lat: number, lon: number): Promise<boolean> {
  return (await districtOfPoint(db, lat, lon)) !== null;
}

/** A 400 naming `field` unless the point is in the city. */
export async function requireInCity(db: Sql, lat: number, lon: number, field = 'lat'): Promise<string> {
  const district = await districtOfPoint(db, lat, lon);
  if (district) return district;
  throw invalid(
    { [field]: `the point ${lat}, ${lon} is outside Astana; choose a place in the city` },
    'The location is outside the city.',
  );
}
