import { asset } from '$app/paths';
import type { LocalizedName } from '#contracts/common.contract.ts';
import { isDistrictCollection } from '../map/geo.ts';

/**
 * District names in three languages for pages without a login: /api/reference needs one, and the
 * map's outline file carries the same ids and names. Empty when it cannot be read (the page then
 * shows the id).
 */
export async function loadDistrictNames(
  fetcher: typeof fetch = fetch,
): Promise<ReadonlyMap<string, LocalizedName>> {
  try {
    const response = await fetcher(asset('geo/astana-districts.geojson'));
    const json: unknown = response.ok ? await response.json() : null;
    if (!isDistrictCollection(json)) return new Map();
    return new Map(
      json.features
        .filter((f) => f.properties.name_ru)
        .map((f) => [
          f.properties.id,
          { ru: f.properties.name_ru, kk: f.properties.name_kk, en: f.properties.name_en },
        ]),
    );
  } catch {
    return new Map();
  }
}
