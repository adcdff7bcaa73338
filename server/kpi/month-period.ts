import { startOfCityMonth } from './city-day.ts';

/** A half-open stretch of time [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

/** A calendar month as its year and month number (1-12). */
export interface YearMonth {
  year: number;
  month: number;
}

/** "2026-11" as numbers; the contract has checked the format. */
export function parseYearMonth(text: string): YearMonth {
  const [year, month] = text.split('-').map(Number) as [number, number];
  return { year, month };
}

/** The month before. */
export const previousMonth = ({ year, month }: YearMonth): YearMonth =>
  month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };

/** The same month a year before. */
export const sameMonthLastYear = ({ year, month }: YearMonth): YearMonth => ({ year: year - 1, month });

/** Where a month starts and ends in the city. */
function cityMonth({ year, month }: YearMonth, timeZone: string): Period {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    from: startOfCityMonth(year, month, timeZone),
    to: startOfCityMonth(next.year, next.month, timeZone),
  };
}

/**
 * The stretch of `month` a report covers as of `now`: the whole month once it is over, up to now
 * (inclusive) while it runs, nothing (from = to) before it begins.
 */
export function reportedMonth(
  month: YearMonth,
  now: Date,
  timeZone: string,
): Period & { complete: boolean; end: Date } {
  const { from, to: end } = cityMonth(month, timeZone);
  const complete = end.getTime() <= now.getTime();
  const to = complete ? end : new Date(Math.max(from.getTime(), now.getTime() + 1));
  return { from, to, end, complete };
}

/**
 * The part of an earlier month that compares fairly with a reported one: all of it when the
 * reported month is complete; otherwise as long as the reported month has run so far (the 1st to
 * the 20th against the 1st to the 20th), never past its own end.
 */
export function comparablePeriod(
  earlier: YearMonth,
  reported: Period & { complete: boolean },
  timeZone: string,
): Period {
  const whole = cityMonth(earlier, timeZone);
  if (reported.complete) return whole;
  const elapsedMs = reported.to.getTime() - reported.from.getTime();
  return { from: whole.from, to: new Date(Math.min(whole.from.getTime() + elapsedMs, whole.to.getTime())) };
}
