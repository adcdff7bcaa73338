/** The calendar year of `at` in the city's time zone (an appeal at 00:30 on 1 January belongs to the new year). */
export function cityYear(at: Date, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format)
    yearFormats.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })));
  return Number(format.format(at));
}

// Building a DateTimeFormat costs more than a whole database round trip; one per zone is enough.
const yearFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-000123`: year and a six-digit running number, easy to read out over the phone. */
export function formatRegistrationNumber(year: number, value: number): string {
  return `${year}-${String(value).padStart(6, '0')}`;
}
