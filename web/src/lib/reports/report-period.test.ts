import { describe, expect, it } from 'vitest';
import { addDays, cityToday, isCalendarDate, monthOf, resolvePeriod } from './report-period.ts';

const TZ = 'Asia/Almaty';
// 01:30 on 3 December in Astana, still 2 December in UTC and in most browsers abroad.
const NOW = new Date('2026-12-02T20:30:00Z');
const none = { from: null, to: null };
const period = (result: ReturnType<typeof resolvePeriod>) => {
  if (!result.ok) throw new Error(result.problem);
  return result.period;
};

describe('report periods', () => {
  it('counts days in the city, not in the browser', () => {
    expect(cityToday(NOW, TZ)).toBe('2026-12-03');
    expect(period(resolvePeriod('today', none, NOW, TZ))).toEqual({
      from: '2026-12-03T00:00:00+05:00',
      to: '2026-12-04T00:00:00+05:00',
      firstDay: '2026-12-03',
      lastDay: '2026-12-03',
    });
  });

  it('takes the last 7 days with today, across a month', () => {
    expect(period(resolvePeriod('last7', none, NOW, TZ))).toMatchObject({
      from: '2026-11-27T00:00:00+05:00',
      to: '2026-12-04T00:00:00+05:00',
      firstDay: '2026-11-27',
      lastDay: '2026-12-03',
    });
  });

  it('takes this month to its end, and last month across the new year', () => {
    expect(period(resolvePeriod('thisMonth', none, NOW, TZ))).toMatchObject({
      from: '2026-12-01T00:00:00+05:00',
      to: '2027-01-01T00:00:00+05:00',
      lastDay: '2026-12-31',
    });
    const january = new Date('2027-01-15T12:00:00Z');
    expect(period(resolvePeriod('lastMonth', none, january, TZ))).toMatchObject({
      from: '2026-12-01T00:00:00+05:00',
      to: '2027-01-01T00:00:00+05:00',
      firstDay: '2026-12-01',
      lastDay: '2026-12-31',
    });
    expect(period(resolvePeriod('lastMonth', none, new Date('2028-03-10T12:00:00Z'), TZ)).lastDay).toBe(
      '2028-02-29',
    );
  });

  it('gives a custom period its whole last day, with the offset of each end in a DST zone', () => {
    expect(
      period(resolvePeriod('custom', { from: '2026-03-28', to: '2026-03-29' }, NOW, 'Europe/Berlin')),
    ).toMatchObject({ from: '2026-03-28T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' });
  });

  it('names what is wrong with a custom period', () => {
    expect(resolvePeriod('custom', { from: null, to: '2026-11-02' }, NOW, TZ)).toEqual({
      ok: false,
      problem: 'from',
    });
    expect(resolvePeriod('custom', { from: '2026-11-01', to: '2026-02-31' }, NOW, TZ)).toEqual({
      ok: false,
      problem: 'to',
    });
    expect(resolvePeriod('custom', { from: '2026-11-05', to: '2026-11-04' }, NOW, TZ)).toEqual({
      ok: false,
      problem: 'order',
    });
    expect(resolvePeriod('custom', { from: '2025-01-01', to: '2026-01-02' }, NOW, TZ)).toEqual({
      ok: false,
      problem: 'tooLong',
    });
    expect(resolvePeriod('custom', { from: '2024-01-01', to: '2024-12-31' }, NOW, TZ).ok).toBe(true);
  });

  it('checks and steps calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-5')).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(monthOf('2026-11-27')).toBe('2026-11');
  });
});
