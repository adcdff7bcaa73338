import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { listPlaces, searchPlaces } from '../../db/queries/places.ts';
import { districtOfPoint } from '../../server/geo/city-bounds.ts';
import { placeSearchKeys, refreshSearchKeys } from '../../server/places/place-keys.ts';
import { PlaceService } from '../../server/places/place.service.ts';
import { searchWords } from '../../server/places/place-text.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

describe.each(DATABASE_KINDS)('the gazetteer on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let places: PlaceService;
  /** The ids of what `q` finds, best first. */
  const ids = async (q: string, limit = 10) => (await places.search(q, limit)).items.map((p) => p.id);
  const first = async (q: string) => (await places.search(q, 10)).items[0];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await migrate(db);
    places = new PlaceService({ db });
  });
  afterAll(() => database?.close());

  it('puts every seeded place, district centres included, in the district the engine finds for its point', async () => {
    const all = await listPlaces(db);
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(all.filter((p) => p.kind === 'district').map((p) => p.id)).toHaveLength(5);
    for (const place of all) {
      expect(await districtOfPoint(db, place.lat, place.lon), place.id).toBe(place.district_id);
    }
  });

  it('folds the search keys once, and those of places added later on the next refresh', async () => {
    expect(await refreshSearchKeys(db)).toBeGreaterThanOrEqual(120);
    expect(await refreshSearchKeys(db)).toBe(0);
    const [row] = await db.query<{ search_keys: string[] }>(
      "select search_keys from places where id = 'kabanbay-batyr-avenue'",
    );
    expect(row!.search_keys).toEqual(['kabanbai batira', 'kabanbai batir']);

    await db.query(
      `insert into places (id, kind, name_ru, name_kk, name_en, aliases, lat, lon, district_id)
       values ('test-fountain', 'landmark', 'фонтан Тестовый', 'Тест субұрқағы', 'Test Fountain', array['Поющий фонтан'], 51.1283, 71.4305, 'yesil')`,
    );
    expect(await searchPlaces(db, { words: searchWords('поющий фонтан'), limit: 10 })).toEqual([]);
    expect(await refreshSearchKeys(db)).toBe(1);
    expect((await searchPlaces(db, { words: searchWords('поющий фонтан'), limit: 10 }))[0]).toMatchObject({
      id: 'test-fountain',
      tier: 0,
    });
    const [fountain] = (await listPlaces(db)).filter((p) => p.id === 'test-fountain');
    expect(placeSearchKeys(fountain!)).toEqual([
      'fontan testovi',
      'test suburkagi',
      'test fountain',
      'poiushi fontan',
    ]);
    await db.query("delete from places where id = 'test-fountain'");
  });

  it('ignores case, punctuation and street-type words in any language', async () => {
    for (const q of [
      'ул. Кенесары',
      'КЕНЕСАРЫ',
      'Кенесары көшесі',
      'kenesary street',
      'Kenesary St.',
      'улица  кенесары!',
    ])
      expect(await first(q), q).toMatchObject({ id: 'kenesary-street', match: 'exact' });
  });

  it('reads Cyrillic and Latin spellings both ways', async () => {
    for (const q of ['kabanbai', 'кабанбай', 'Kabanbay', 'Қабанбай', 'qabanbai batyr', 'Кабанбай батыр'])
      expect((await ids(q))[0], q).toBe('kabanbay-batyr-avenue');
    expect((await ids('Mangilik Yel'))[0]).toBe('mangilik-el-avenue');
    expect((await ids('Мәңгілік'))[0]).toBe('mangilik-el-avenue');
    expect((await ids('khan shatyr'))[0]).toBe('khan-shatyr');
    expect((await ids('Бәйтерек'))[0]).toBe('baiterek');
    expect((await ids('Tauelsyzdyk'))[0]).toBe('tauelsizdik-avenue');
    expect((await ids('Seifullin'))[0]).toBe('seifullin-street');
    expect((await ids('Нурлы Жол'))[0]).toBe('nurly-zhol-station');
  });

  it('finds places by the old and other names residents use', async () => {
    expect((await ids('проспект Победы'))[0]).toBe('zhenis-avenue');
    expect((await ids('улица Мира'))[0]).toBe('beibitshilik-street');
    expect((await ids('Prospekt Respubliki'))[0]).toBe('respublika-avenue');
    expect((await ids('Пирамида'))[0]).toBe('palace-of-peace');
    expect((await ids('Akorda'))[0]).toBe('ak-orda');
    expect((await ids('Ак Орда'))[0]).toBe('ak-orda');
    expect((await ids('аэропорт'))[0]).toBe('airport');
    // Orynbor was the name of today's Mangilik El: both streets are offered.
    expect((await ids('Орынбор')).slice(0, 2).sort()).toEqual(['mangilik-el-avenue', 'orynbor-street']);
  });

  it('keeps a typed house number in the address text and points at the street', async () => {
    const result = await places.search('Кабанбай батыра 53', 10);
    expect(result.house).toBe('53');
    expect(result.items[0]).toMatchObject({
      id: 'kabanbay-batyr-avenue',
      match: 'exact',
      address: {
        ru: 'проспект Кабанбай батыра, 53',
        kk: 'Қабанбай батыр даңғылы, 53',
        en: 'Kabanbay Batyr Avenue, 53',
      },
    });
    const kenesary = await places.search('ул. Кенесары, 40, подъезд 2', 5);
    expect(kenesary.items[0]!.address.ru).toBe('улица Кенесары, 40, подъезд 2');
    expect((await places.search('53 Kabanbay Batyr', 5)).items[0]!.address.en).toBe(
      'Kabanbay Batyr Avenue, 53',
    );
    // A number that belongs to a name is not a house.
    const station = await places.search('Астана 1', 5);
    expect(station).toMatchObject({ house: null, items: [{ id: 'astana-1-station' }] });
    expect((await places.search('Е 10', 5)).items[0]).toMatchObject({
      id: 'orynbor-street',
      address: { ru: 'улица Орынбор' },
    });
  });

  it('ignores the city’s name in front when it finds nothing with it', async () => {
    expect(await first('г. Астана, ул. Кенесары 40')).toMatchObject({
      id: 'kenesary-street',
      address: { ru: 'улица Кенесары, 40' },
    });
    expect((await ids('Astana Arena'))[0]).toBe('astana-arena');
  });

  it('ranks the whole name first, then its start, then the start of a word, then anywhere', async () => {
    expect(await first('Абай')).toMatchObject({ id: 'abay-avenue', match: 'exact' });
    expect(await first('Кабан')).toMatchObject({ id: 'kabanbay-batyr-avenue', match: 'prefix' });
    const batyr = await places.search('батыр', 10);
    expect(batyr.items.map((p) => p.match)).toEqual(batyr.items.map(() => 'word'));
    expect(batyr.items.map((p) => p.id)).toEqual(
      expect.arrayContaining(['kabanbay-batyr-avenue', 'bogenbay-batyr-avenue']),
    );
    const inside = await places.search('атыр', 10);
    expect(inside.items.map((p) => [p.id, p.match])).toEqual([
      ['bogenbay-batyr-avenue', 'contains'],
      ['kabanbay-batyr-avenue', 'contains'],
      ['khan-shatyr', 'contains'],
    ]);
    // Streets before landmarks of the same name; a square keeps its word.
    expect((await ids('Независимости')).slice(0, 2)).toEqual(['tauelsizdik-avenue', 'kazakh-eli-monument']);
    expect((await ids('площадь Независимости'))[0]).toBe('kazakh-eli-monument');
    expect((await ids('район Сарыарка'))[0]).toBe('district-saryarka');
    // All words must be in one name, in any order.
    expect((await ids('batyr kabanbay'))[0]).toBe('kabanbay-batyr-avenue');
    expect(await ids('кабанбай пушкина')).toEqual([]);
  });

  it('returns at most the limit, and nothing for words that are all street types', async () => {
    expect((await ids('а', 10)).length).toBeLessThanOrEqual(10);
    expect(await ids('улица', 10)).toEqual([]);
    expect(await ids('st.', 10)).toEqual([]);
    expect(await ids('ул', 3)).toEqual([]);
    expect((await ids('e', 3)).length).toBe(3);
    expect(await ids('zzqx', 10)).toEqual([]);
  });
});
