/** A district's centre point, enough to find the nearest one. */
export interface DistrictCentre {
  id: string;
  lat: number;
  lon: number;
}

// Beyond this the point is outside the city and no district is guessed.
const MAX_DISTANCE_KM = 25;

/**
 * The district whose centre is nearest to the point, or null when the point is far outside the city.
 * Centres are an approximation of boundaries; an operator can always set the district explicitly.
 */
export function nearestDistrict(
  districts: readonly DistrictCentre[],
  lat: number,
  lon: number,
): string | null {
  let best: { id: string; km: number } | null = null;
  for (const d of districts) {
    const km = distanceKm(lat, lon, d.lat, d.lon);
    if (!best || km < best.km) best = { id: d.id, km };
  }
  return best && best.km <= MAX_DISTANCE_KM ? best.id : null;
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}
