import { describe, expect, it } from 'vitest';
import {
  foldText,
  parsePlaceQuery,
  placeAddress,
  searchKeys,
  searchWords,
  withoutCityWords,
} from './place-text.ts';

describe('foldText', () => {
  it('folds Russian, Kazakh and Latin spellings of one name to the same text', () => {
    const kabanbay = [
      'Кабанбай батыр',
      'Қабанбай батыр',
      'Kabanbay Batyr',
      'kabanbai batyr',
      'Qabanbai batyr',
    ];
    expect(new Set(kabanbay.map(foldText))).toEqual(new Set(['kabanbai batir']));
    const pairs: [string, string][] = [
      ['Жеңіс', 'Zhenis'],
      ['Женис', 'Jenis'],
      ['Тәуелсіздік', 'Tauelsyzdyk'],
      ['Бейбітшілік', 'Beybitshilik'],
      ['Хан Шатыр', 'Khan Shatyr'],
      ['Мәңгілік Ел', 'Mangilik Yel'],
      ['ЭКСПО', 'EXPO'],
      ['Хусейн', 'Hussein'],
      ['Заречный', 'Zarechny'],
      ['Юго-Восток', 'Yugo-Vostok'],
      ['Сейфулин', 'Seifullin'],
      ['Нұрлы жол', 'Nurly Zhol'],
    ];
    for (const [cyrillic, latin] of pairs) expect(foldText(cyrillic), latin).toBe(foldText(latin));
  });

  it('keeps only letters, digits and single spaces, in lower case', () => {
    expect(foldText('  Пр.   РЕСПУБЛИКИ, 24/1 — «Астана-1»!  ')).toBe('pr respubliki 24 1 astana 1');
    expect(foldText('Ақорда')).toBe('akorda');
    expect(foldText('')).toBe('');
  });
});

describe('searchWords and searchKeys', () => {
  it('drop street-type words in any language', () => {
    for (const typed of [
      'ул. Кенесары',
      'улица Кенесары',
      'Кенесары көшесі',
      'Kenesary street',
      'Kenesary St.',
    ])
      expect(searchWords(typed), typed).toEqual(['kenesari']);
    expect(searchWords('проспект Кабанбай батыра')).toEqual(['kabanbai', 'batira']);
    expect(searchWords('Қабанбай батыр даңғылы')).toEqual(['kabanbai', 'batir']);
    expect(searchWords('Kabanbay Batyr Ave')).toEqual(['kabanbai', 'batir']);
    expect(searchWords('пр-т Абая')).toEqual(['abaia']);
    expect(searchWords('ж/м Коктал')).toEqual(['koktal']);
  });

  it('keys a place by each distinct name', () => {
    expect(
      searchKeys(['проспект Кабанбай батыра', 'Қабанбай батыр даңғылы', 'Kabanbay Batyr Avenue', 'улица']),
    ).toEqual(['kabanbai batira', 'kabanbai batir']);
  });

  it('takes the city’s name out of a query on request', () => {
    expect(withoutCityWords(searchWords('г. Астана, Кенесары'))).toEqual(['kenesari']);
    expect(withoutCityWords(searchWords('Kazakhstan, Astana, Abay'))).toEqual(['abai']);
  });
});

describe('parsePlaceQuery', () => {
  it('keeps the house number and what follows it as typed', () => {
    expect(parsePlaceQuery('Кабанбай батыра 53')).toEqual({ words: ['kabanbai', 'batira'], house: '53' });
    expect(parsePlaceQuery('ул. Кенесары, 40, подъезд 2')).toEqual({
      words: ['kenesari'],
      house: '40, подъезд 2',
    });
    expect(parsePlaceQuery('пр. Республики 24/1')).toEqual({ words: ['respubliki'], house: '24/1' });
    expect(parsePlaceQuery('Туран 55А')).toEqual({ words: ['turan'], house: '55А' });
    expect(parsePlaceQuery('Абая, д. 10')).toEqual({ words: ['abaia'], house: '10' });
    expect(parsePlaceQuery('Сыганак № 7')).toEqual({ words: ['siganak'], house: '7' });
  });

  it('reads a number typed first as the house alone', () => {
    expect(parsePlaceQuery('53 Kabanbay Batyr')).toEqual({ words: ['kabanbai', 'batir'], house: '53' });
    expect(parsePlaceQuery('109')).toEqual({ words: [], house: '109' });
  });

  it('leaves names with numbers in them to the words', () => {
    expect(parsePlaceQuery('Астана-1')).toEqual({ words: ['astana', '1'], house: null });
    expect(parsePlaceQuery('E10')).toEqual({ words: ['e10'], house: null });
    expect(parsePlaceQuery('Хан Шатыр')).toEqual({ words: ['han', 'shatir'], house: null });
  });
});

describe('placeAddress', () => {
  it('adds the house to the name', () => {
    expect(placeAddress('проспект Кабанбай батыра', '53')).toBe('проспект Кабанбай батыра, 53');
    expect(placeAddress('Хан Шатыр', null)).toBe('Хан Шатыр');
  });
});
