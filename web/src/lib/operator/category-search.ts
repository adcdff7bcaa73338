import type { LocalizedName } from '#contracts/common.contract.ts';

/** What the search needs of a category: its id and its name in the three languages. */
export interface SearchableCategory {
  id: string;
  name: LocalizedName;
}

/** Lower case, ё read as е, spaces collapsed: "Открытый  ЛЮК" and "открытый люк" are one query. */
export function normalizeSearch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** How well one text matches: 0 it starts with the query, 1 a word does, 2 it only contains it; null no match. */
function matchRank(text: string, words: readonly string[]): number | null {
  const haystack = normalizeSearch(text);
  if (!words.every((w) => haystack.includes(w))) return null;
  const first = words[0] ?? '';
  if (haystack.startsWith(first)) return 0;
  if (haystack.split(/[\s\-–—,.()«»"]+/).some((word) => word.startsWith(first))) return 1;
  return 2;
}

/**
 * The categories a typed query finds, best first, in any of the three languages or by id: the operator
 * types "люк", "құдық" or "manhole" whatever language the screen is in. An empty query lists all,
 * ordered by `label` (the name in the screen's language).
 */
export function searchCategories<T extends SearchableCategory>(
  categories: readonly T[],
  query: string,
  label: (category: T) => string,
): T[] {
  const words = normalizeSearch(query).split(' ').filter(Boolean);
  const byLabel = (a: T, b: T) => label(a).localeCompare(label(b));
  if (words.length === 0) return [...categories].sort(byLabel);
  const ranked: { category: T; rank: number }[] = [];
  for (const category of categories) {
    const ranks = [category.name.ru, category.name.kk, category.name.en, category.id]
      .map((text) => matchRank(text, words))
      .filter((rank): rank is number => rank !== null);
    if (ranks.length > 0) ranked.push({ category, rank: Math.min(...ranks) });
  }
  return ranked.sort((a, b) => a.rank - b.rank || byLabel(a.category, b.category)).map((r) => r.category);
}

/** The next option index for an arrow key in a list of `count`, wrapping at both ends; -1 when empty. */
export function stepIndex(current: number, delta: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return delta === 1 ? 0 : count - 1;
  return (current + delta + count) % count;
}
