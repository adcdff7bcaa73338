import { describe, expect, it } from 'vitest';
import { searchCategories, type ReportCategory } from './category-search.ts';

const category = (id: string, ru: string, kk: string, en: string): ReportCategory => ({
  id,
  name: { ru, kk, en },
});

const CATEGORIES = [
  category('open-manhole', 'Открытый люк', 'Ашық люк', 'Open manhole'),
  category('street-lighting', 'Не горит уличное освещение', 'Көше жарығы жанбайды', 'Street lights out'),
  category('snow-yard', 'Неубранный снег во дворе', 'Аулада қар тазаланбаған', 'Snow not cleared in a yard'),
  category('elevator', 'Не работает лифт', 'Лифт істемейді', 'Lift out of order'),
];

describe('searchCategories', () => {
  it('lists everything, in the server’s order, for an empty query', () => {
    expect(searchCategories(CATEGORIES, '  ').map((c) => c.id)).toEqual(CATEGORIES.map((c) => c.id));
  });

  it('finds by any word in any of the three languages, ignoring case', () => {
    expect(searchCategories(CATEGORIES, 'ЛЮК').map((c) => c.id)).toEqual(['open-manhole']);
    expect(searchCategories(CATEGORIES, 'қар').map((c) => c.id)).toEqual(['snow-yard']);
    expect(searchCategories(CATEGORIES, 'lights').map((c) => c.id)).toEqual(['street-lighting']);
  });

  it('needs every word of the query, and treats ё as е', () => {
    expect(searchCategories(CATEGORIES, 'не лифт').map((c) => c.id)).toEqual(['elevator']);
    expect(searchCategories(CATEGORIES, 'не горит лифт')).toEqual([]);
    expect(
      searchCategories([category('x', 'Жёлтая вода', 'Сары су', 'Yellow water')], 'желтая'),
    ).toHaveLength(1);
  });
});
