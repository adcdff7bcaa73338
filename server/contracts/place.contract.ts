import { z } from 'zod';
import { hasNoNul, Latitude, LocalizedName, Longitude, NO_NUL_MESSAGE } from './common.contract.ts';

/** What a place of the gazetteer is. */
export const PLACE_KINDS = ['street', 'landmark', 'transport', 'park', 'neighbourhood', 'district'] as const;
export const PlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKind>;

/** How a place matched the typed text: its whole name, the name's start, the start of its words, anywhere. */
export const PLACE_MATCHES = ['exact', 'prefix', 'word', 'contains'] as const;
export const PlaceMatchKind = z.enum(PLACE_MATCHES);

/** The most places one search returns. */
export const MAX_PLACE_RESULTS = 10;

/**
 * GET /api/places and GET /api/public/places: an address as typed ("Кабанбай батыра 53",
 * "kabanbai", "Хан Шатыр"), 2 to 100 characters, and how many places to return (at most 10).
 */
export const PlaceQuery = z
  .object({
    q: z
      .string({
        error: (issue) => (issue.input === undefined ? 'is required' : 'must be a single text value'),
      })
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(100, 'must be at most 100 characters')
      .refine(hasNoNul, NO_NUL_MESSAGE),
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be ≥ 1')
      .max(MAX_PLACE_RESULTS, `must be ≤ ${MAX_PLACE_RESULTS}`)
      .default(MAX_PLACE_RESULTS),
  })
  .strict();
export type PlaceQuery = z.infer<typeof PlaceQuery>;

/**
 * A place that matches: where it is, and the address text to use for it — its name in each
 * language with the house number as typed ("проспект Кабанбай батыра, 53").
 */
export const PlaceMatch = z.object({
  id: z.string(),
  kind: PlaceKind,
  name: LocalizedName,
  lat: Latitude,
  lon: Longitude,
  districtId: z.string().nullable(),
  address: LocalizedName,
  match: PlaceMatchKind,
});
export type PlaceMatch = z.infer<typeof PlaceMatch>;

/** The answer: matching places, best first, and the house number read from the query (null when none). */
export const PlaceSearchResult = z.object({
  items: z.array(PlaceMatch).max(MAX_PLACE_RESULTS),
  house: z.string().nullable(),
});
export type PlaceSearchResult = z.infer<typeof PlaceSearchResult>;
