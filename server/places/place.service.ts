import type { Sql } from '../../db/client.ts';
import { searchPlaces, type PlaceSearchRow } from '../../db/queries/places.ts';
import type { Viewer } from '../auth/access.ts';
import {
  PLACE_MATCHES,
  type PlaceMatch,
  type PlaceQuery,
  type PlaceSearchResult,
} from '../contracts/place.contract.ts';
import { forbidden } from '../errors.ts';
import { refreshSearchKeys } from './place-keys.ts';
import { foldText, parsePlaceQuery, placeAddress, withoutCityWords } from './place-text.ts';

/**
 * The gazetteer's search: a typed address to the places it may mean, with the address text to use.
 * Residents (the public form, the Telegram bot) and staff search the same way.
 */
export class PlaceService {
  private readonly db: Sql;
  private keysReady: Promise<unknown> | null = null;

  constructor(deps: { db: Sql }) {
    this.db = deps.db;
  }

  /** A search from a console: any staff role but a wall display. */
  async searchAsStaff(viewer: Viewer, q: PlaceQuery): Promise<PlaceSearchResult> {
    if (viewer.role === 'display') throw forbidden('Wall displays do not search addresses.');
    return this.search(q.q, q.limit);
  }

  /**
   * The places `text` may name, best first, at most `limit`. A house number is kept as typed in the
   * address text, unless it is part of a place's name ("Астана 1"); the city's name in front
   * ("Астана, Кенесары 40") is ignored when the search finds nothing with it.
   */
  async search(text: string, limit: number): Promise<PlaceSearchResult> {
    await this.searchKeysReady();
    const { words, house } = parsePlaceQuery(text);
    if (house && words.length > 0) {
      const number = foldText(house.split(/[\s,;]/)[0] ?? '')
        .split(' ')
        .filter((word) => word !== '');
      const named = await searchPlaces(this.db, { words: [...words, ...number], limit });
      if (named.length > 0) return { items: named.map((row) => toMatch(row, null)), house: null };
    }
    let rows = await searchPlaces(this.db, { words, limit });
    const rest = withoutCityWords(words);
    if (rows.length === 0 && rest.length < words.length)
      rows = await searchPlaces(this.db, { words: rest, limit });
    return { items: rows.map((row) => toMatch(row, house)), house };
  }

  // Places a migration added, or folded by an older version, get their keys before the first search.
  private searchKeysReady(): Promise<unknown> {
    this.keysReady ??= refreshSearchKeys(this.db).catch((err: unknown) => {
      this.keysReady = null;
      throw err;
    });
    return this.keysReady;
  }
}

function toMatch(row: PlaceSearchRow, house: string | null): PlaceMatch {
  return {
    id: row.id,
    kind: row.kind,
    name: { ru: row.name_ru, kk: row.name_kk, en: row.name_en },
    lat: row.lat,
    lon: row.lon,
    districtId: row.district_id,
    address: {
      ru: placeAddress(row.name_ru, house),
      kk: placeAddress(row.name_kk, house),
      en: placeAddress(row.name_en, house),
    },
    match: PLACE_MATCHES[row.tier],
  };
}
