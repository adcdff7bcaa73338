import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  calendarProblems,
  isOpenAt,
  openMinutesPerWeek,
  roundTheClock,
  WEEKDAYS,
  type BusinessCalendar,
  type OpeningInterval,
  type Weekday,
} from './business-calendar.ts';

const HOUR = 3_600_000;
const WORKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** The same intervals on each of `days`. */
function hours(intervals: OpeningInterval[], days: readonly Weekday[] = WORKDAYS) {
  return Object.fromEntries(days.map((day) => [day, intervals]));
}

/** A calendar factory: an Astana agency open 09:00–18:00 Monday to Friday unless overridden. */
function calendarFactory(overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return {
    id: 'astana-akimat',
    timeZone: 'Asia/Almaty',
    weeklyHours: hours([['09:00', '18:00']]),
    holidays: [],
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
const add = (calendar: BusinessCalendar, start: string, ms: number) =>
  addBusinessTime(calendar, at(start), ms).toISOString();
const iso = (text: string) => at(text).toISOString();

describe('addBusinessTime, by example (Astana is UTC+5)', () => {
  const office = calendarFactory();

  it('carries Friday 17:00 + 2h over the weekend to Monday 10:00', () => {
    expect(add(office, '2026-03-13T17:00:00+05:00', 2 * HOUR)).toBe(iso('2026-03-16T10:00:00+05:00'));
  });

  it('counts a ticket registered on Saturday from Monday 09:00', () => {
    const saturday = '2026-03-14T11:23:45.678+05:00';
    expect(isOpenAt(office, at(saturday))).toBe(false);
    expect(add(office, saturday, 1)).toBe(iso('2026-03-16T09:00:00.001+05:00'));
    expect(businessTimeBetween(office, at(saturday), at('2026-03-16T09:30:00+05:00'))).toBe(HOUR / 2);
  });

  it('skips a holiday (Nauryz, Monday 2026-03-23)', () => {
    const withNauryz = calendarFactory({ holidays: ['2026-03-23'] });
    expect(add(withNauryz, '2026-03-20T17:00:00+05:00', 2 * HOUR)).toBe(iso('2026-03-24T10:00:00+05:00'));
    expect(isOpenAt(withNauryz, at('2026-03-23T12:00:00+05:00'))).toBe(false);
  });

  it('skips a lunch break 13:00–14:00', () => {
    const split = calendarFactory({
      weeklyHours: hours([
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ]),
    });
    expect(add(split, '2026-03-16T12:30:00+05:00', HOUR)).toBe(iso('2026-03-16T14:30:00+05:00'));
    expect(isOpenAt(split, at('2026-03-16T13:30:00+05:00'))).toBe(false);
    expect(openMinutesPerWeek(split)).toBe(5 * 8 * 60);
  });

  it("works through midnight with a '24:00' end", () => {
    const nightShift = calendarFactory({
      weeklyHours: { mon: [['18:00', '24:00']], tue: [['00:00', '06:00']] },
    });
    expect(add(nightShift, '2026-03-16T23:30:00+05:00', HOUR)).toBe(iso('2026-03-17T00:30:00+05:00'));
    expect(add(nightShift, '2026-03-16T23:00:00+05:00', HOUR)).toBe(iso('2026-03-17T00:00:00+05:00'));
  });

  it('lands at the end of an interval, not at the next opening, when the time runs out exactly', () => {
    expect(add(office, '2026-03-16T17:00:00+05:00', HOUR)).toBe(iso('2026-03-16T18:00:00+05:00'));
  });

  it('is exact to the millisecond and returns the start unchanged for 0 even outside hours', () => {
    expect(add(office, '2026-03-16T17:59:59.999+05:00', 2)).toBe(iso('2026-03-17T09:00:00.001+05:00'));
    expect(add(office, '2026-03-14T03:04:05.006+05:00', 0)).toBe(iso('2026-03-14T03:04:05.006+05:00'));
  });

  it('reaches 30 working days with per-day work, not per-minute', () => {
    const formatToParts = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    const berlin = calendarFactory({ timeZone: 'Europe/Berlin' });
    expect(add(berlin, '2027-01-04T09:00:00+01:00', 30 * 9 * HOUR)).toBe(iso('2027-02-12T18:00:00+01:00'));
    expect(formatToParts.mock.calls.length).toBeLessThan(1_000);
    formatToParts.mockRestore();
  });

  it('is plain elapsed time around the clock, holidays ignored', () => {
    const always = { ...roundTheClock('Asia/Almaty'), holidays: ['2026-03-23'] };
    expect(add(always, '2026-03-22T23:00:00+05:00', 26 * HOUR)).toBe(iso('2026-03-24T01:00:00+05:00'));
    expect(businessTimeBetween(always, at('2026-03-23T00:00:00Z'), at('2026-03-24T00:00:00Z'))).toBe(
      24 * HOUR,
    );
    expect(isOpenAt(always, at('2026-03-23T12:00:00+05:00'))).toBe(true);
  });

  it('refuses durations and calendars that cannot give a deadline', () => {
    const start = at('2026-03-16T09:00:00+05:00');
    expect(() => addBusinessTime(calendarFactory({ weeklyHours: {} }), start, HOUR)).toThrow(RangeError);
    expect(() => addBusinessTime(office, start, -1)).toThrow(RangeError);
    expect(() => addBusinessTime(office, start, 0.5)).toThrow(RangeError);
    expect(() => addBusinessTime(office, new Date(NaN), HOUR)).toThrow(RangeError);
    const badHours = calendarFactory({ weeklyHours: { mon: [['9:00', '18:00']] } });
    expect(() => addBusinessTime(badHours, start, HOUR)).toThrow(/weeklyHours\.mon/);
    expect(() => addBusinessTime(calendarFactory({ timeZone: 'Mars/Olympus' }), start, HOUR)).toThrow(
      RangeError,
    );
  });
});

describe('daylight saving time keeps business hours in local time', () => {
  const berlin = calendarFactory({ id: 'berlin', timeZone: 'Europe/Berlin' });

  it('across the March switch (2026-03-29, CET +01 → CEST +02)', () => {
    expect(add(berlin, '2026-03-27T17:00:00+01:00', 2 * HOUR)).toBe(iso('2026-03-30T10:00:00+02:00'));
    expect(
      businessTimeBetween(berlin, at('2026-03-27T09:00:00+01:00'), at('2026-03-30T18:00:00+02:00')),
    ).toBe(18 * HOUR);
  });

  it('across the October switch (2026-10-25, CEST +02 → CET +01)', () => {
    expect(add(berlin, '2026-10-23T17:00:00+02:00', 2 * HOUR)).toBe(iso('2026-10-26T10:00:00+01:00'));
    expect(isOpenAt(berlin, at('2026-10-26T08:30:00+01:00'))).toBe(false);
    expect(isOpenAt(berlin, at('2026-10-26T09:00:00+01:00'))).toBe(true);
  });

  it('counts the real length of a switch day: 23 hours in March, 25 in October', () => {
    const sundays = calendarFactory({
      timeZone: 'Europe/Berlin',
      weeklyHours: { sun: [['00:00', '24:00']] },
    });
    const between = (from: string, to: string) => businessTimeBetween(sundays, at(from), at(to));
    expect(between('2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toBe(23 * HOUR);
    expect(between('2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toBe(25 * HOUR);
  });

  it('maps a wall time in the gap forward to the switch, and one in the overlap to its first occurrence', () => {
    const nights = calendarFactory({ timeZone: 'Europe/Berlin', weeklyHours: { sun: [['02:00', '04:00']] } });
    // 2026-03-29: 02:00–03:00 does not exist, so the agency opens at the switch, 03:00 CEST.
    expect(add(nights, '2026-03-28T12:00:00Z', 1)).toBe(iso('2026-03-29T03:00:00.001+02:00'));
    expect(businessTimeBetween(nights, at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00Z'))).toBe(HOUR);
    // 2026-10-25: 02:00–03:00 happens twice; the agency opens at the first 02:00 (CEST) until 04:00 CET.
    expect(add(nights, '2026-10-24T12:00:00Z', 1)).toBe(iso('2026-10-25T02:00:00.001+02:00'));
    expect(businessTimeBetween(nights, at('2026-10-24T12:00:00Z'), at('2026-10-26T12:00:00Z'))).toBe(
      3 * HOUR,
    );
  });

  it("maps a '24:00' in a midnight gap to the switch (Santiago, 2026-09-06 00:00 → 01:00)", () => {
    const santiago = calendarFactory({
      timeZone: 'America/Santiago',
      weeklyHours: { sat: [['18:00', '24:00']], sun: [['00:00', '06:00']] },
    });
    const [saturday, sunday] = [at('2026-09-05T18:00:00-04:00'), at('2026-09-06T06:00:00-03:00')];
    expect(businessTimeBetween(santiago, saturday, sunday)).toBe(11 * HOUR);
    expect(addBusinessTime(santiago, saturday, 6 * HOUR).toISOString()).toBe(
      iso('2026-09-06T01:00:00-03:00'),
    );
  });

  it('counts the hour repeated before midnight twice (Beirut, 2026-10-25 24:00 → 23:00)', () => {
    const saturdayEvenings = calendarFactory({
      timeZone: 'Asia/Beirut',
      weeklyHours: { sat: [['20:00', '24:00']] },
    });
    const day = [at('2026-10-24T00:00:00+03:00'), at('2026-10-25T12:00:00+02:00')] as const;
    expect(businessTimeBetween(saturdayEvenings, ...day)).toBe(5 * HOUR);
    expect(isOpenAt(saturdayEvenings, at('2026-10-24T23:30:00+03:00'))).toBe(true);
    expect(isOpenAt(saturdayEvenings, at('2026-10-24T23:30:00+02:00'))).toBe(true);
    expect(isOpenAt(saturdayEvenings, at('2026-10-25T00:00:00+02:00'))).toBe(false);
  });
});

describe('openMinutesPerWeek, calendarProblems and roundTheClock', () => {
  it('counts an ordinary week', () => {
    expect(openMinutesPerWeek(calendarFactory())).toBe(45 * 60);
    expect(openMinutesPerWeek(calendarFactory({ weeklyHours: null }))).toBe(7 * 24 * 60);
    expect(openMinutesPerWeek(calendarFactory({ weeklyHours: { mon: [] } }))).toBe(0);
  });

  it('finds nothing wrong with a valid calendar', () => {
    expect(calendarProblems(calendarFactory({ holidays: ['2026-03-23'] }))).toEqual({});
    expect(calendarProblems(roundTheClock('Europe/Berlin'))).toEqual({});
  });

  it('names each problem by field', () => {
    const problems = calendarProblems({
      id: 'broken',
      timeZone: 'Asia/Astana-City',
      weeklyHours: {
        mon: [['9:00', '18:00']],
        tue: [['18:00', '09:00']],
        wed: [
          ['09:00', '13:00'],
          ['12:00', '18:00'],
        ],
        thu: [
          ['14:00', '18:00'],
          ['09:00', '13:00'],
        ],
        fri: [['09:00', '24:01']],
        ...({ funday: [['09:00', '18:00']] } as object),
      },
      holidays: ['2026-03-23', '2026-02-30', '23.03.2026'],
    });
    expect(Object.keys(problems).sort()).toEqual(
      [
        'timeZone',
        'weeklyHours.mon',
        'weeklyHours.tue',
        'weeklyHours.wed',
        'weeklyHours.thu',
        'weeklyHours.fri',
        'weeklyHours.funday',
        'holidays.1',
        'holidays.2',
      ].sort(),
    );
    expect(problems['weeklyHours.tue']).toMatch(/start must be before the end/);
    expect(problems['weeklyHours.wed']).toMatch(/must not overlap/);
    expect(problems['weeklyHours.thu']).toMatch(/sorted/);
    expect(problems['weeklyHours.funday']).toMatch(/unknown weekday/);
  });

  it('rejects a calendar that never opens', () => {
    expect(calendarProblems(calendarFactory({ weeklyHours: { mon: [], sat: [] } }))).toEqual({
      weeklyHours: expect.stringMatching(/never open/),
    });
  });

  it('builds a round-the-clock calendar and refuses an unknown zone', () => {
    expect(roundTheClock('Asia/Almaty')).toEqual({
      id: 'round-the-clock:Asia/Almaty',
      timeZone: 'Asia/Almaty',
      weeklyHours: null,
      holidays: [],
    });
    expect(() => roundTheClock('Nowhere/Atlantis')).toThrow(RangeError);
  });
});

// ---- Properties over random calendars, instants and durations ------------------------------------

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
