import type { LocalizedName } from '#contracts/common.contract.ts';

/** A category as the public form lists it. */
export interface ReportCategory {
  id: string;
  name: LocalizedName;
}

/** Lower case, ё as е, one space between words: how names and queries are compared. */
const fold = (text: string): string =>
  text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/**
 * The categories matching what the resident typed, in the server's display order: every word of
 * the query must occur in one of the category's three names, so a Russian word finds its category
 * on the Kazakh page too. An empty query matches everything.
 */
export function searchCategories(categories: readonly ReportCategory[], query: string): ReportCategory[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...categories];
  return categories.filter((c) => {
    const names = fold(`${c.name.ru} ${c.name.kk} ${c.name.en}`);
    return words.every((word) => names.includes(word));
  });
}
