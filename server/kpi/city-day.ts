/**
 * The instant the current calendar day began in `timeZone` ("today" on the wall means the city's
 * day, not the server's). Works for any zone Intl knows, including ones with DST.
 */
export function startOfCityDay(now: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(now)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offsetMs = wallAsUtc - Math.floor(now.getTime() / 1000) * 1000;
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day) - offsetMs);
}

const DAY_AND_A_HALF_MS = 36 * 3_600_000;

/** The first instant of the city's next calendar day after `at` (23 to 25 hours on a DST change). */
export function nextCityDay(at: Date, timeZone: string): Date {
  // Noon of the next day, give or take a daylight-saving hour, is always inside that day.
  return startOfCityDay(new Date(startOfCityDay(at, timeZone).getTime() + DAY_AND_A_HALF_MS), timeZone);
}

/** Midnight in the city on the first of `month` (1-12) of `year`. */
export function startOfCityMonth(year: number, month: number, timeZone: string): Date {
  // Noon UTC on the 1st is the 1st in every zone from UTC−11 to UTC+11.
  return startOfCityDay(new Date(Date.UTC(year, month - 1, 1, 12)), timeZone);
}

/** The city's calendar date of `at`, as YYYY-MM-DD. */
export function cityDate(at: Date, timeZone: string): string {
  // en-CA writes dates as ISO does.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * Where each of the city's days in [from, to) begins: `from` itself, then every city midnight
 * before `to`. A period that starts mid-day gets a short first day; one ending mid-day a short last.
 */
export function cityDayStarts(from: Date, to: Date, timeZone: string): Date[] {
  const starts: Date[] = [];
  for (let at = from; at < to; at = nextCityDay(at, timeZone)) starts.push(at);
  return starts;
}
