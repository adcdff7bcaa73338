import type { BusinessCalendar, OpeningInterval, Weekday } from '../../workflows/sla/business-calendar.ts';

// What the business-calendar unit tests (examples and properties) build their calendars from.

/** One hour in milliseconds. */
export const HOUR = 3_600_000;
/** Monday to Friday, the working week of most agencies. */
export const WORKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** The same intervals on each of `days`. */
export function hours(intervals: OpeningInterval[], days: readonly Weekday[] = WORKDAYS) {
  return Object.fromEntries(days.map((day) => [day, intervals]));
}

/** A calendar factory: an Astana agency open 09:00–18:00 Monday to Friday unless overridden. */
export function calendarFactory(overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return {
    id: 'astana-akimat',
    timeZone: 'Asia/Almaty',
    weeklyHours: hours([['09:00', '18:00']]),
    holidays: [],
    ...overrides,
  };
}
