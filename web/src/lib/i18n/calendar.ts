/**
 * Kazakh month and weekday names. Browsers ship uneven Kazakh calendar data (some Chromium builds
 * print "M11 26, Thu"), so the wallboard's long date in Kazakh does not depend on it.
 */
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
] as const;
const KK_WEEKDAYS = ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі'] as const;

/** The calendar date of `at` in `timeZone`: month 1-12, weekday 0 (Sunday) to 6. */
export function cityDate(
  at: Date,
  timeZone: string,
): { year: number; month: number; day: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const year = part('year');
  const month = part('month');
  const day = part('day');
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** "26 қараша, бейсенбі": the Kazakh long date of `at` in `timeZone`. */
export function kazakhLongDate(at: Date, timeZone: string): string {
  const { month, day, weekday } = cityDate(at, timeZone);
  return `${day} ${KK_MONTHS[month - 1]}, ${KK_WEEKDAYS[weekday]}`;
}
