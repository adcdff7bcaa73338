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
export const DEFAULT_REGISTRATION_FORMAT = '{year}-{seq:6}';

/**
 * What every door accepts as a registration number before looking it up, whatever the configured
 * format: groups of letters and digits joined by - or /, with a run of at least four digits (the year
 * or the running number). Whether it exists is the database's answer.
 */
export const REGISTRATION_NUMBER_LIKE = /^(?=\S*[0-9]{4})[0-9A-Za-z]{1,10}(?:[/-][0-9A-Za-z]{1,10}){1,3}$/;

const TOKEN = /\{(year|yy|seq:([4-9]))\}/g;

/**
 * Problems with a registration-number template, in words (empty when it is usable): it needs the
 * year ({year} or {yy}) and the running number with its width ({seq:4} … {seq:9}), and may add
 * letters, digits, dashes and slashes around them (e.g. `109-{yy}-{seq:6}` → 109-26-000123).
 */
export function registrationFormatProblems(template: string): string[] {
  const problems: string[] = [];
  if (!/\{seq:[4-9]\}/.test(template)) problems.push('needs the running number as {seq:N}, N from 4 to 9');
  if (!/\{(year|yy)\}/.test(template)) problems.push('needs the year as {year} or {yy}');
  if (!/^[0-9A-Za-z/-]*$/.test(template.replace(TOKEN, '')))
    problems.push('may add only letters, digits, - and /');
  else if (!/[/-]/.test(template))
    problems.push('needs a - or / between its parts, to be read out over the phone');
  if ((template.match(TOKEN) ?? []).length !== 2)
    problems.push('must hold the year and the running number once each');
  return problems;
}

/** The registration number of the `value`-th appeal of `year`, written by `template`. */
export function formatRegistrationNumber(
  year: number,
  value: number,
  template = DEFAULT_REGISTRATION_FORMAT,
): string {
  return template.replace(TOKEN, (_, token: string, width?: string) =>
    token === 'year'
      ? String(year)
      : token === 'yy'
        ? String(year % 100).padStart(2, '0')
        : String(value).padStart(Number(width), '0'),
  );
}
