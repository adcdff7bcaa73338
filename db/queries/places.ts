import type { Sql } from '../client.ts';

/** What a place is: the kinds the gazetteer holds. */
export type PlaceKindRow = 'street' | 'landmark' | 'transport' | 'park' | 'neighbourhood' | 'district';

/** A place of the gazetteer as stored (without its search keys). */
export interface PlaceRow {
  id: string;
  kind: PlaceKindRow;
  name_ru: string;
  name_kk: string;
  name_en: string;
  aliases: string[];
  lat: number;
  lon: number;
  district_id: string | null;
}

/** How a found place matched: 0 the whole name, 1 its start, 2 each word starts a word of it, 3 anywhere. */
export type PlaceMatchTier = 0 | 1 | 2 | 3;

/** A found place and how well it matched. */
export interface PlaceSearchRow extends PlaceRow {
  tier: PlaceMatchTier;
}

const PLACE_COLUMNS = 'p.id, p.kind, p.name_ru, p.name_kk, p.name_en, p.aliases, p.lat, p.lon, p.district_id';

/** Every place, by id (tests, and checks of the seeded data). */
export const listPlaces = (db: Sql) =>
  db.query<PlaceRow>(`select ${PLACE_COLUMNS} from places p order by p.id`);

/** Places whose search keys were folded by an older version of the folding (or never). */
export const listPlacesWithStaleKeys = (db: Sql, version: number) =>
  db.query<PlaceRow>(`select ${PLACE_COLUMNS} from places p where p.search_version < $1 order by p.id`, [
    version,
  ]);

/**
 * Stores folded search keys, `{ placeId: keys }`, in one statement. A row already folded by a newer
 * version is left alone, so an older process running beside a newer one does not undo its work.
 */
export async function saveSearchKeys(
  db: Sql,
  keys: Readonly<Record<string, readonly string[]>>,
  version: number,
): Promise<void> {
  await db.query(
    `update places p
     set search_keys = array(select jsonb_array_elements_text(k.value)), search_version = $2
     from jsonb_each($1::text::jsonb) k
     where p.id = k.key and p.search_version < $2`,
    [JSON.stringify(keys), version],
  );
}

/**
 * Places whose search keys match `words` (folded query words, each the start of a word of the key;
 * all-digit words a whole word), best first: the whole key, then its start (also with the spaces
 * left out: "akorda" is "ak orda"), then every word starting a word, then every word anywhere.
 * Within each, streets come first, then landmarks, stations and parks, then neighbourhoods and
 * districts; then the shorter key, then the English name. Matching happens on each key on its own, so all
 * words must be in one name of the place.
 */
export async function searchPlaces(
  db: Sql,
  q: { words: readonly string[]; limit: number },
): Promise<PlaceSearchRow[]> {
  if (q.words.length === 0) return [];
  const phrase = q.words.join(' ');
  return db.query<PlaceSearchRow>(
    `select ${PLACE_COLUMNS}, best.tier
     from places p
     cross join lateral (
       select m.tier, length(m.key) as key_length
       from (
         select k.key,
           case
             when k.key = $2 or replace(k.key, ' ', '') = $3 then 0
             when left(k.key, length($2)) = $2 or left(replace(k.key, ' ', ''), length($3)) = $3 then 1
             when not exists (
               select 1 from unnest($1::text[]) w(word)
               where case when w.word ~ '^[0-9]+$'
                 then position(' ' || w.word || ' ' in ' ' || k.key || ' ') = 0
                 else position(' ' || w.word in ' ' || k.key) = 0 end
             ) then 2
             when not exists (
               select 1 from unnest($1::text[]) w(word) where position(w.word in k.key) = 0
             ) then 3
           end as tier
         from unnest(p.search_keys) k(key)
       ) m
       where m.tier is not null
       order by m.tier, length(m.key)
       limit 1
     ) best
     order by best.tier,
       case p.kind when 'street' then 0 when 'neighbourhood' then 2 when 'district' then 3 else 1 end,
       best.key_length, p.name_en
     limit $4`,
    [q.words, phrase, phrase.replaceAll(' ', ''), q.limit],
  );
}
