import { describe, expect, it } from 'vitest';
import { categoryPageRows, pageCount, searchCategories, type PickerCategory } from './category-picker.ts';

const category = (id: string, ru: string, en: string): PickerCategory => ({
  id,
  name_ru: ru,
  name_kk: ru,
  name_en: en,
});
const many = Array.from({ length: 19 }, (_, i) => category(`c${i}`, `Категория ${i}`, `Category ${i}`));

describe('the category picker', () => {
  it('pages categories eight at a time with ◀ n/N ▶ that wrap around', () => {
    expect(pageCount(many)).toBe(3);
    const last = categoryPageRows(many, 'en', 2);
    expect(last.slice(0, -1).map((row) => row[0]!.text)).toEqual([
      'Category 16',
      'Category 17',
      'Category 18',
    ]);
    expect(last.at(-1)).toEqual([
      { text: '◀', data: 'catpage:1' },
      { text: '3/3', data: 'noop' },
      { text: '▶', data: 'catpage:0' },
    ]);
    expect(categoryPageRows(many, 'en', 99)[0]![0]!.text).toBe('Category 16');
    expect(categoryPageRows(many.slice(0, 3), 'ru', 0)).toHaveLength(3);
  });

  it('finds categories by word stems in any language, the best matches first', () => {
    const list = [
      category('flooding', 'Подтопление улицы, скопление воды', 'Flooded street or standing water'),
      category('cold-water-outage', 'Нет холодной воды', 'No cold water'),
      category('elevator', 'Неисправность лифта', 'Elevator out of order'),
    ];
    expect(searchCategories(list, 'вода').map((c) => c.id)).toEqual(['flooding', 'cold-water-outage']);
    expect(searchCategories(list, 'нет холодная вода').map((c) => c.id)).toEqual([
      'cold-water-outage',
      'flooding',
    ]);
    expect(searchCategories(list, 'Лифт')[0]?.id).toBe('elevator');
    expect(searchCategories(list, 'ёж')).toEqual([]);
    expect(searchCategories(list, '??')).toEqual([]);
  });
});
