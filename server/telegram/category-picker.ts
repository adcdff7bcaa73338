import type { ResidentLocale } from '../contracts/common.contract.ts';
import { nameIn, type NamedRow } from '../i18n/resident-texts.ts';
import type { InlineButton } from './bot-reply.ts';

/** A category as the picker needs it. */
export interface PickerCategory extends NamedRow {
  id: string;
}

/** Categories on one page of the keyboard: short enough to fit a phone screen without scrolling. */
export const CATEGORY_PAGE_SIZE = 8;
/** The most matches a typed search shows. */
export const SEARCH_LIMIT = 8;

/** Callback data of the picker's buttons. */
export const categoryButton = (id: string) => `cat:${id}`;
export const pageButton = (page: number) => `catpage:${page}`;

/** How many pages the categories fill. */
export const pageCount = (categories: readonly PickerCategory[]) =>
  Math.max(1, Math.ceil(categories.length / CATEGORY_PAGE_SIZE));

/** One page of categories as keyboard rows (one per row: the names are long), with ◀ n/N ▶ below. */
export function categoryPageRows(
  categories: readonly PickerCategory[],
  lang: ResidentLocale,
  page: number,
): InlineButton[][] {
  const pages = pageCount(categories);
  const current = Math.min(Math.max(0, page), pages - 1);
  const rows = categories
    .slice(current * CATEGORY_PAGE_SIZE, (current + 1) * CATEGORY_PAGE_SIZE)
    .map((c) => [{ text: nameIn(c, lang), data: categoryButton(c.id) }]);
  if (pages > 1) {
    rows.push([
      { text: '◀', data: pageButton((current - 1 + pages) % pages) },
      { text: `${current + 1}/${pages}`, data: 'noop' },
      { text: '▶', data: pageButton((current + 1) % pages) },
    ]);
  }
  return rows;
}

/** Keyboard rows for a list of matches, one per row. */
export const matchRows = (matches: readonly PickerCategory[], lang: ResidentLocale): InlineButton[][] =>
  matches.map((c) => [{ text: nameIn(c, lang), data: categoryButton(c.id) }]);

// Russian and Kazakh change word endings ("вода", "воды", "водой"): a word matches by its stem.
const stem = (word: string) => word.slice(0, Math.max(3, word.length - 2));
const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);

/**
 * Categories whose name in any language (or id) contains a stem of a typed word, the ones matching
 * the most words first, in list order otherwise.
 */
export function searchCategories(categories: readonly PickerCategory[], query: string): PickerCategory[] {
  const stems = words(query).map(stem);
  if (stems.length === 0) return [];
  return categories
    .map((c, index) => {
      const haystack = [c.name_ru, c.name_kk, c.name_en, c.id].join(' ').toLowerCase().replace(/ё/g, 'е');
      return { c, index, score: stems.filter((s) => haystack.includes(s)).length };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, SEARCH_LIMIT)
    .map((m) => m.c);
}
