import { describe, expect, it } from 'vitest';
import { normalizeSearch, searchCategories, stepIndex, type SearchableCategory } from './category-search.ts';

const category = (id: string, ru: string, kk: string, en: string): SearchableCategory => ({
  id,
  name: { ru, kk, en },
});

const CATEGORIES = [
  category('open-manhole', 'Открытый люк', 'Ашық құдық', 'Open manhole'),
  category(
    'flooding',
    'Подтопление улицы, скопление воды',
    'Көшені су басу, судың жиналуы',
    'Flooded street',
  ),
  category(
    'snow-ice-roads',
    'Снег и гололёд на дорогах',
    'Жолдардағы қар және көктайғақ',
    'Snow or ice on roads',
  ),
  category('road-damage', 'Повреждение дороги или тротуара', 'Жолдың бүлінуі', 'Damaged road or sidewalk'),
];
const en = (c: SearchableCategory) => c.name.en;
const ids = (found: SearchableCategory[]) => found.map((c) => c.id);

describe('searchCategories', () => {
  it('finds a category in any of the three languages, whatever the screen shows', () => {
    expect(ids(searchCategories(CATEGORIES, 'люк', en))).toEqual(['open-manhole']);
    expect(ids(searchCategories(CATEGORIES, 'құдық', en))).toEqual(['open-manhole']);
    expect(ids(searchCategories(CATEGORIES, 'Manhole', en))).toEqual(['open-manhole']);
    expect(ids(searchCategories(CATEGORIES, 'flooding', en))).toEqual(['flooding']);
  });

  it('reads ё as е and ignores case and extra spaces', () => {
    expect(ids(searchCategories(CATEGORIES, '  ГОЛОЛЕД ', en))).toEqual(['snow-ice-roads']);
    expect(normalizeSearch('Гололёд  на\tдорогах')).toBe('гололед на дорогах');
  });

  it('puts names that start with the query before a word that does, before one that only contains it', () => {
    const found = searchCategories(
      [
        category('word', 'А', 'А', 'Open manhole'),
        category('start', 'Б', 'Б', 'Manhole cover'),
        category('inside', 'В', 'В', 'Sewermanhole'),
      ],
      'manhole',
      (c) => c.name.ru,
    );
    expect(ids(found)).toEqual(['start', 'word', 'inside']);
  });

  it('orders equal matches by the name on screen', () => {
    expect(ids(searchCategories(CATEGORIES, 'дорог', en))).toEqual(['road-damage', 'snow-ice-roads']);
  });

  it('needs every word of the query in one name', () => {
    expect(ids(searchCategories(CATEGORIES, 'snow roads', en))).toEqual(['snow-ice-roads']);
    expect(ids(searchCategories(CATEGORIES, 'snow manhole', en))).toEqual([]);
  });

  it('lists everything by the screen language when nothing is typed', () => {
    expect(ids(searchCategories(CATEGORIES, ' ', en))).toEqual([
      'road-damage',
      'flooding',
      'open-manhole',
      'snow-ice-roads',
    ]);
  });
});

describe('stepIndex', () => {
  it('moves through the options and wraps at both ends', () => {
    expect(stepIndex(-1, 1, 3)).toBe(0);
    expect(stepIndex(-1, -1, 3)).toBe(2);
    expect(stepIndex(2, 1, 3)).toBe(0);
    expect(stepIndex(0, -1, 3)).toBe(2);
    expect(stepIndex(0, 1, 0)).toBe(-1);
  });
});
