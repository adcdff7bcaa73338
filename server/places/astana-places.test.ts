import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLACE_KINDS } from '../contracts/place.contract.ts';
import { astanaDistrictShapes, districtContaining } from '../geo/district-shapes.ts';
import { searchKeys } from './place-text.ts';

const MIGRATION = new URL('../../db/migrations/20261126_0017_places.sql', import.meta.url);

interface SeededPlace {
  id: string;
  kind: string;
  names: string[];
  aliases: string[];
  lat: number;
  lon: number;
  districtId: string;
}

/** The seeded rows of the migration: one `('id', 'kind', 'ru', 'kk', 'en', aliases, lat, lon, 'district')` per line. */
function seededPlaces(): SeededPlace[] {
  const text = "(?:'((?:[^']|'')*)')";
  const row = new RegExp(
    `^\\s*\\(${text}, ${text}, ${text}, ${text}, ${text}, ('\\{\\}'|array\\[.*?\\]), (-?[0-9.]+), (-?[0-9.]+), ${text}\\)[,;]$`,
  );
  const unquote = (s: string) => s.replaceAll("''", "'");
  return readFileSync(MIGRATION, 'utf8')
    .split('\n')
    .map((line) => row.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({
      id: m[1]!,
      kind: m[2]!,
      names: [m[3]!, m[4]!, m[5]!].map(unquote),
      aliases: [...m[6]!.matchAll(/'((?:[^']|'')*)'/g)].map((a) => unquote(a[1]!)).filter((a) => a !== '{}'),
      lat: Number(m[7]),
      lon: Number(m[8]),
      districtId: m[9]!,
    }));
}

describe('the seeded gazetteer', () => {
  const places = seededPlaces();

  it('holds Astana’s major streets and landmarks, each once', () => {
    expect(places.length).toBeGreaterThanOrEqual(115);
    expect(new Set(places.map((p) => p.id)).size).toBe(places.length);
    const ids = places.map((p) => p.id);
    for (const id of [
      'mangilik-el-avenue',
      'kabanbay-batyr-avenue',
      'respublika-avenue',
      'baiterek',
      'khan-shatyr',
      'astana-1-station',
      'nurly-zhol-station',
      'airport',
    ])
      expect(ids).toContain(id);
    expect(places.filter((p) => p.kind === 'street').length).toBeGreaterThanOrEqual(40);
    expect(places.filter((p) => p.kind === 'landmark').length).toBeGreaterThanOrEqual(40);
  });

  it('puts every place inside the city, in the district the engine finds for its point', () => {
    const shapes = astanaDistrictShapes();
    for (const place of places) {
      expect(districtContaining(shapes, place.lat, place.lon), place.id).toBe(place.districtId);
    }
  });

  it('gives every place a known kind, three names and search keys', () => {
    for (const place of places) {
      expect(PLACE_KINDS, place.id).toContain(place.kind);
      for (const name of place.names) expect(name.trim(), place.id).not.toBe('');
      expect(searchKeys([...place.names, ...place.aliases]).length, place.id).toBeGreaterThan(0);
    }
  });
});
