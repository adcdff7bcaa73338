/**
 * How typed addresses and place names are compared: both are folded to one Latin skeleton, so
 * "Кабанбай батыра", "Қабанбай батыр", "kabanbai" and "Kabanbay Batyr" meet, and the street-type
 * words people add or leave out ("ул.", "көшесі", "avenue") do not count. Pure: the server stores
 * the folded names (`places.search_keys`) and folds each query the same way.
 */

/** Bump when folding changes: the server refolds stored names older than this. */
export const SEARCH_KEYS_VERSION = 1;

// Cyrillic (Russian and Kazakh letters) to Latin, straight into the skeleton's spelling: ж is j as in
// Kazakh Latin, ы і й are i, the soft and hard signs vanish.
// prettier-ignore
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'j', з: 'z', и: 'i',
  й: 'i', і: 'i', к: 'k', қ: 'k', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh',
  ъ: '', ы: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

// Kazakh Latin (2021) and Turkish-style letters whose plain form is not what the skeleton spells.
const LATIN: Readonly<Record<string, string>> = { ş: 'sh', ç: 'ch', ı: 'i', ğ: 'g', ñ: 'n' };

// Latin spellings of one sound, in order: the English/Russian transliterations residents type
// ("kh", "zh", "ye", "y") meet the skeleton the Cyrillic went straight to.
const LATIN_FOLDS: readonly [RegExp, string][] = [
  [/tch/g, 'ch'],
  [/sch/g, 'sh'],
  [/kh/g, 'h'],
  [/zh/g, 'j'],
  [/ye/g, 'e'],
  [/yo/g, 'e'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  [/c(?=[eiy])/g, 'ts'],
  [/c(?!h)/g, 'k'],
  [/y/g, 'i'],
  // Doubled letters are spelt either way ("Seifullin", "Сейфулин"); "ий" and "iy" end as one i.
  [/([a-z])\1+/g, '$1'],
];

/**
 * Words of a street's type, and filler, that a search ignores: they are in a name or not, as people
 * please. Squares and districts keep theirs: "площадь Независимости" is not the avenue, and
 * "район Сарыарка" not the avenue Сарыарка.
 */
// prettier-ignore
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    'улица', 'ул', 'көшесі', 'көше', 'көш', 'даңғылы', 'даңғ', 'проспект', 'просп', 'пр', 'пркт',
    'бульвар', 'бульвары', 'бул', 'шоссе', 'переулок', 'пер', 'микрорайон', 'мкр', 'мкрн', 'дом', 'д',
    'үй', 'г', 'город', 'қаласы', 'и', 'мен', 'street', 'str', 'st', 'avenue', 'ave', 'av', 'boulevard',
    'blvd', 'highway', 'lane', 'road', 'rd', 'prospekt', 'prosp', 'ulitsa', 'ulica', 'ul', 'koshesi',
    'dangyly', 'house', 'city', 'and',
  ].map((w) => foldText(w)),
);

/** Hyphenated or slashed abbreviations of street types ("пр-т Абая"), dropped before folding splits them. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['пр-т', 'пр-кт', 'б-р', 'ж/м', 'мкр-н']);

/** Words naming the city or country: dropped from a query only when it finds nothing with them. */
const CITY_WORDS: ReadonlySet<string> = new Set(
  ['астана', 'казахстан', 'қазақстан', 'kazakhstan'].map((w) => foldText(w)),
);

/** `text` folded to the search skeleton: lower-case Latin letters, digits and single spaces. */
export function foldText(text: string): string {
  let latin = '';
  for (const char of text.normalize('NFC').toLowerCase()) latin += CYRILLIC[char] ?? LATIN[char] ?? char;
  let folded = latin
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’ʼ`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
  for (const [pattern, replacement] of LATIN_FOLDS) folded = folded.replace(pattern, replacement);
  return folded.trim();
}

/** The words of `text` a search compares: folded, without street-type words. */
export function searchWords(text: string): string[] {
  const unabbreviated = text
    .split(/\s+/)
    .filter((token) => !ABBREVIATIONS.has(token.toLowerCase().replace(/[.,;]+$/, '')))
    .join(' ');
  return foldText(unabbreviated)
    .split(' ')
    .filter((word) => word !== '' && !STOP_WORDS.has(word));
}

/** The search keys of a place: each of its names and aliases as its words, once each. */
export function searchKeys(names: readonly string[]): string[] {
  const keys = names.map((name) => searchWords(name).join(' ')).filter((key) => key !== '');
  return [...new Set(keys)];
}

/** `words` without the city's and country's names (a query's "Астана, ..." prefix). */
export const withoutCityWords = (words: readonly string[]) => words.filter((w) => !CITY_WORDS.has(w));

/** A house number as people write it: 53, 53а, 10/2, 12-1, optionally after №. */
const HOUSE_NUMBER = /^№?\d{1,4}(?:[/-]\d{1,4})?\p{L}?\.?$/u;

/** A typed address split into what names the place and what is kept as typed. */
export interface PlaceQueryText {
  /** The words that name the street or place, folded. */
  words: string[];
  /** The house number and whatever follows it ("53", "40, подъезд 2"), as typed; null without one. */
  house: string | null;
}

/**
 * Splits a typed address at its house number: "Кабанбай батыра 53" is the street "Кабанбай батыра"
 * and the house "53"; "ул. Кенесары, 40, подъезд 2" keeps "40, подъезд 2". A number typed first
 * ("53 Kabanbay Batyr") is the house alone. Words before a number that are all there is ("Астана 1")
 * stay words too: the caller first tries the number as part of a name.
 */
export function parsePlaceQuery(raw: string): PlaceQueryText {
  const text = raw.normalize('NFC').trim();
  for (const match of text.matchAll(/[^\s,;]+/g)) {
    if (!HOUSE_NUMBER.test(match[0])) continue;
    const at = match.index;
    if (at === 0) {
      return { words: searchWords(text.slice(match[0].length)), house: houseText(match[0]) };
    }
    return { words: searchWords(text.slice(0, at)), house: houseText(text.slice(at)) };
  }
  return { words: searchWords(text), house: null };
}

const houseText = (text: string) => text.replace(/^[\s,;.№]+|[\s,;]+$/g, '') || null;

/** A place's address text: its name, then the house as typed. */
export const placeAddress = (name: string, house: string | null) => (house ? `${name}, ${house}` : name);
