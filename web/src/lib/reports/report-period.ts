import { cityLocalToIso, toCityLocal } from '../format/city-time.ts';

/** The periods a manager picks from; `custom` takes its first and last day from the URL. */
export const PERIOD_PRESETS = ['today', 'last7', 'thisMonth', 'lastMonth', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/**
 * The longest custom period, in days. The API refuses more than 400 days; a year (366 with the
 * leap day) leaves room for a daylight-saving hour in zones that have one.
 */
export const MAX_CUSTOM_DAYS = 366;

/** A period as the API takes it, and the days it covers for the page to show. */
export interface ReportPeriod {
  /** The first instant, ISO 8601 with the city's offset ("2026-11-01T00:00:00+05:00"). */
  from: string;
  /** The instant after the last day ends (the API's periods are half-open). */
  to: string;
  /** The first and the last day covered, inclusive, as YYYY-MM-DD in the city. */
  firstDay: string;
  lastDay: string;
}

/** Why a custom period cannot be shown: a missing or unreal day, days in the wrong order, too long. */
export type PeriodProblem = 'from' | 'to' | 'order' | 'tooLong';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `text` is a real calendar date written YYYY-MM-DD (no 31 February). */
export function isCalendarDate(text: string | null | undefined): text is string {
  const match = DATE.exec(text ?? '');
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/** The date `days` after `date` (negative: before), on the calendar, whatever the zone. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the month `monthsBack` months before the one `date` is in. */
function firstOfMonth(date: string, monthsBack = 0): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 - monthsBack, 1)).toISOString().slice(0, 10);
}

/** Today's date in the city (which may not be today in the browser's own zone). */
export const cityToday = (now: Date, timeZone: string): string => toCityLocal(now, timeZone).slice(0, 10);

/** The month (YYYY-MM) a day belongs to: the monthly summary a period links to. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The period from the city's midnight of `firstDay` to the one after `lastDay`. */
function daysPeriod(firstDay: string, lastDay: string, timeZone: string): ReportPeriod {
  const midnight = (date: string) => {
    const iso = cityLocalToIso(`${date}T00:00`, timeZone);
    if (iso === null) throw new RangeError(`not a date: ${date}`);
    return iso;
  };
  return { from: midnight(firstDay), to: midnight(addDays(lastDay, 1)), firstDay, lastDay };
}

/**
 * The period a preset means at `now` in the city: today; the last 7 days with today; this month
 * (to its end: the API counts what has happened so far); last month; or the custom first and last
 * day. A custom period that cannot be shown comes back as the problem to tell the user.
 */
export function resolvePeriod(
  preset: PeriodPreset,
  custom: { from: string | null; to: string | null },
  now: Date,
  timeZone: string,
): { ok: true; period: ReportPeriod } | { ok: false; problem: PeriodProblem } {
  const today = cityToday(now, timeZone);
  switch (preset) {
    case 'today':
      return { ok: true, period: daysPeriod(today, today, timeZone) };
    case 'last7':
      return { ok: true, period: daysPeriod(addDays(today, -6), today, timeZone) };
    case 'thisMonth':
      return {
        ok: true,
        period: daysPeriod(firstOfMonth(today), addDays(firstOfMonth(today, -1), -1), timeZone),
      };
    case 'lastMonth':
      return {
        ok: true,
        period: daysPeriod(firstOfMonth(today, 1), addDays(firstOfMonth(today), -1), timeZone),
      };
    case 'custom': {
      if (!isCalendarDate(custom.from)) return { ok: false, problem: 'from' };
      if (!isCalendarDate(custom.to)) return { ok: false, problem: 'to' };
      if (custom.to < custom.from) return { ok: false, problem: 'order' };
      const days = (Date.parse(custom.to) - Date.parse(custom.from)) / DAY_MS + 1;
      if (days > MAX_CUSTOM_DAYS) return { ok: false, problem: 'tooLong' };
      return { ok: true, period: daysPeriod(custom.from, custom.to, timeZone) };
    }
  }
}
