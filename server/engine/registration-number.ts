/** The calendar year of `at` in the city's time zone (an appeal at 00:30 on 1 January belongs to the new year). */
export function cityYear(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

/** `2026-000123`: year and a six-digit running number, easy to read out over the phone. */
export function formatRegistrationNumber(year: number, value: number): string {
  return `${year}-${String(value).padStart(6, '0')}`;
}
