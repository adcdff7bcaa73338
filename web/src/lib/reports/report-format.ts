/**
 * How report figures read in a language: `tag` is the BCP 47 tag of the user's locale (INTL_TAGS).
 * The figures come from the API as they are; these only write them down.
 */

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = formats.get(key);
  if (!format) formats.set(key, (format = make()));
  return format as T;
}

/** A rate 0..1 as a percentage to a tenth ("85,3 %" in Russian); null when there is nothing to measure. */
export function formatRate(rate: number | null, tag: string): string | null {
  if (rate === null) return null;
  return cached(
    `rate|${tag}`,
    () => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }),
  ).format(rate);
}

/** A relative change (0.12 = 12% more) with its sign ("+12 %", "−5 %", "0 %"); null when unknown. */
export function formatChange(change: number | null, tag: string): string | null {
  if (change === null) return null;
  return cached(
    `change|${tag}`,
    () =>
      new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
  ).format(change);
}

const utcDay = (date: string) => new Date(`${date}T00:00:00Z`);

/** A calendar day (YYYY-MM-DD) written the locale's way, with the year ("01.11.2026"). */
export const formatDay = (date: string, tag: string): string =>
  cached(
    `day|${tag}`,
    () =>
      new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  ).format(utcDay(date));

/** A calendar day without the year, for a chart's axis ("01.11"). */
export const formatShortDay = (date: string, tag: string): string =>
  cached(
    `short|${tag}`,
    () => new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', timeZone: 'UTC' }),
  ).format(utcDay(date));

/** Whether a rate reaches its target: "met", "below", or "none" when there is no rate yet. */
export type TargetStatus = 'met' | 'below' | 'none';

/** How a rate stands against its target (both 0..1). */
export const targetStatus = (rate: number | null, target: number): TargetStatus =>
  rate === null ? 'none' : rate >= target ? 'met' : 'below';
