import { describe, expect, it, vi } from 'vitest';
import { calendarFactory, HOUR, hours } from '../../tests/support/business-calendar-factory.ts';
import {
  addBusinessTime,
  businessTimeBetween,
  calendarProblems,
  isOpenAt,
  openMinutesPerWeek,
  roundTheClock,
  type BusinessCalendar,
} from './business-calendar.ts';

// Business time by example: deadlines, daylight saving, validation. The properties over random
// calendars are in business-calendar.properties.test.ts.

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
