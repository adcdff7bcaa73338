import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFactory, HOUR, hours } from '../../tests/support/business-calendar-factory.ts';
import {
  addBusinessTime,
  businessTimeBetween,
  isOpenAt,
  WEEKDAYS,
  type BusinessCalendar,
  type Weekday,
} from './business-calendar.ts';

// Properties over random calendars, instants and durations; the examples are in business-calendar.test.ts.

const PATTERNS: Record<string, BusinessCalendar['weeklyHours']> = {
  officeHours: hours([['09:00', '18:00']]),
  lunchBreak: hours([
    ['09:00', '13:00'],
    ['14:00', '18:00'],
  ]),
  sixDays: hours([['08:00', '20:00']], WEEKDAYS.slice(0, 6)),
  allDayEveryDay: hours([['00:00', '24:00']], WEEKDAYS),
  nights: hours(
    [
      ['00:00', '03:30'],
      ['22:00', '24:00'],
    ],
    WEEKDAYS,
  ),
  tuesdaysAndThursdays: hours([['10:00', '12:30']], ['tue', 'thu']),
  roundTheClock: null,
};
const ZONES = [
  'Asia/Almaty',
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'Asia/Beirut',
  'Australia/Lord_Howe',
];
const FIRST_DAY = Date.UTC(2026, 0, 1);
const LAST_DAY = Date.UTC(2027, 11, 31);

const calendarArb = (zones: readonly string[]) =>
  fc
    .record({
      timeZone: fc.constantFrom(...zones),
      pattern: fc.constantFrom(...Object.keys(PATTERNS)),
      holidayDays: fc.uniqueArray(fc.integer({ min: 0, max: 729 }), { maxLength: 40 }),
    })
    .map(({ timeZone, pattern, holidayDays }) =>
      calendarFactory({
        id: pattern,
        timeZone,
        weeklyHours: PATTERNS[pattern] ?? null,
        holidays: holidayDays.map((day) => new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10)),
      }),
    );
const instantArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map((t) => new Date(t));
const durationArb = fc.integer({ min: 0, max: 60 * 9 * HOUR });

describe('properties', () => {
  const calendars = calendarArb(ZONES);

  it('businessTimeBetween undoes addBusinessTime', () => {
    fc.assert(
      fc.property(calendars, instantArb, durationArb, (c, s, d) => {
        expect(businessTimeBetween(c, s, addBusinessTime(c, s, d))).toBe(d);
      }),
    );
  });

  it('addBusinessTime is monotonic in the duration', () => {
    fc.assert(
      fc.property(calendars, instantArb, durationArb, durationArb, (c, s, d1, d2) => {
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addBusinessTime(c, s, short).getTime()).toBeLessThanOrEqual(
          addBusinessTime(c, s, long).getTime(),
        );
      }),
    );
  });

  it('addBusinessTime is additive: s + (a + b) = (s + a) + b', () => {
    fc.assert(
      fc.property(calendars, instantArb, durationArb, durationArb, (c, s, a, b) => {
        expect(addBusinessTime(c, s, a + b)).toEqual(addBusinessTime(c, addBusinessTime(c, s, a), b));
      }),
    );
  });

  it('businessTimeBetween is additive over adjacent spans', () => {
    fc.assert(
      fc.property(calendars, fc.array(instantArb, { minLength: 3, maxLength: 3 }), (c, instants) => {
        const [a, b, e] = instants.sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        expect(businessTimeBetween(c, a, b) + businessTimeBetween(c, b, e)).toBe(
          businessTimeBetween(c, a, e),
        );
      }),
    );
  });

  it('a deadline lands inside an opening interval or at its end', () => {
    fc.assert(
      fc.property(calendars, instantArb, durationArb, (c, s, d) => {
        fc.pre(d > 0);
        expect(isOpenAt(c, new Date(addBusinessTime(c, s, d).getTime() - 1))).toBe(true);
      }),
    );
  });

  it('isOpenAt agrees with businessTimeBetween over one millisecond', () => {
    fc.assert(
      fc.property(calendars, instantArb, (c, t) => {
        expect(isOpenAt(c, t)).toBe(businessTimeBetween(c, t, new Date(t.getTime() + 1)) === 1);
      }),
    );
  });

  // An independent oracle: read the wall clock minute by minute. It agrees exactly because no pattern
  // has an interval ending inside a repeated (clocks-back) hour; such an interval ends at that wall
  // time's first occurrence, as the module's header says.
  it('matches a minute-by-minute count of local wall times, DST switch days included', () => {
    const clocks = new Map<string, Intl.DateTimeFormat>();
    function wallClock(timeZone: string): Intl.DateTimeFormat {
      const found = clocks.get(timeZone);
      if (found) return found;
      const numeric = {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      };
      const created = new Intl.DateTimeFormat('en-US', {
        ...(numeric as Intl.DateTimeFormatOptions),
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
      });
      clocks.set(timeZone, created);
      return created;
    }
    /** Whether the calendar is open at instant `t`, read straight off the local wall clock. */
    function openByWallClock(c: BusinessCalendar, t: number): boolean {
      const parts = wallClock(c.timeZone).formatToParts(t);
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      const minute = Number(part('hour')) * 60 + Number(part('minute'));
      const weekday = part('weekday').toLowerCase() as Weekday;
      if (c.weeklyHours === null) return true;
      if (c.holidays.includes(`${part('year')}-${part('month')}-${part('day')}`)) return false;
      const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
      return (c.weeklyHours[weekday] ?? []).some(
        ([from, to]) => toMinutes(from) <= minute && minute < toMinutes(to),
      );
    }
    const switchDays = [
      ...['2026-03-08', '2026-11-01'], // New York
      ...['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'], // Berlin, Beirut
      ...['2026-04-05', '2026-09-06', '2026-10-04'], // Santiago, Lord Howe
    ];
    const windowStart = fc.oneof(
      fc.integer({ min: FIRST_DAY / 60_000, max: LAST_DAY / 60_000 }).map((m) => m * 60_000),
      fc
        .tuple(fc.constantFrom(...switchDays), fc.integer({ min: -36 * 60, max: 0 }))
        .map(([day, minutes]) => Date.parse(`${day}T00:00:00Z`) + minutes * 60_000),
    );
    fc.assert(
      fc.property(calendars, windowStart, fc.integer({ min: 0, max: 3 * 24 * 60 }), (c, from, span) => {
        let expected = 0;
        for (let t = from; t < from + span * 60_000; t += 60_000)
          if (openByWallClock(c, t)) expected += 60_000;
        expect(businessTimeBetween(c, new Date(from), new Date(from + span * 60_000))).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});
