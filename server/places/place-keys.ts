import type { Sql } from '../../db/client.ts';
import { listPlacesWithStaleKeys, saveSearchKeys, type PlaceRow } from '../../db/queries/places.ts';
import { searchKeys, SEARCH_KEYS_VERSION } from './place-text.ts';

/** A place's search keys: every name and alias, folded. */
export const placeSearchKeys = (place: PlaceRow): string[] =>
  searchKeys([place.name_ru, place.name_kk, place.name_en, ...place.aliases]);

/**
 * Folds the names of places added by a migration (or folded by an older version of the folding) into
 * their search keys; returns how many places it folded. Idempotent, and safe beside other processes.
 */
export async function refreshSearchKeys(db: Sql): Promise<number> {
  const stale = await listPlacesWithStaleKeys(db, SEARCH_KEYS_VERSION);
  if (stale.length === 0) return 0;
  const keys = Object.fromEntries(stale.map((place) => [place.id, placeSearchKeys(place)]));
  await saveSearchKeys(db, keys, SEARCH_KEYS_VERSION);
  return stale.length;
}
