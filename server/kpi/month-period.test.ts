import { describe, expect, it } from 'vitest';
import {
  comparablePeriod,
  parseYearMonth,
  previousMonth,
  reportedMonth,
  sameMonthLastYear,
} from './month-period.ts';

const TZ = 'Asia/Almaty';
const iso = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];

describe('month periods', () => {
  it('steps back a month across the new year, and a year', () => {
    expect(previousMonth(parseYearMonth('2027-01'))).toEqual({ year: 2026, month: 12 });
    expect(previousMonth(parseYearMonth('2026-11'))).toEqual({ year: 2026, month: 10 });
    expect(sameMonthLastYear(parseYearMonth('2026-11'))).toEqual({ year: 2025, month: 11 });
  });

  it('reports a running month up to now and a past one whole', () => {
    const now = new Date('2026-11-20T06:00:00Z');
    const running = reportedMonth(parseYearMonth('2026-11'), now, TZ);
    expect(running.complete).toBe(false);
    expect(iso(running)).toEqual(['2026-10-31T19:00:00.000Z', '2026-11-20T06:00:00.001Z']);
    const past = reportedMonth(parseYearMonth('2026-10'), now, TZ);
    expect(past.complete).toBe(true);
    expect(iso(past)).toEqual(['2026-09-30T19:00:00.000Z', '2026-10-31T19:00:00.000Z']);
    const future = reportedMonth(parseYearMonth('2027-01'), now, TZ);
    expect(future.to).toEqual(future.from);
  });

  it('compares a running month with the same stretch of an earlier one', () => {
    const running = reportedMonth(parseYearMonth('2026-11'), new Date('2026-11-20T06:00:00Z'), TZ);
    expect(iso(comparablePeriod({ year: 2026, month: 10 }, running, TZ))).toEqual([
      '2026-09-30T19:00:00.000Z',
      '2026-10-20T06:00:00.001Z',
    ]);
    // The 31st of March against February: February ends first.
    const march = reportedMonth(parseYearMonth('2027-03'), new Date('2027-03-31T12:00:00Z'), TZ);
    expect(comparablePeriod({ year: 2027, month: 2 }, march, TZ).to.toISOString()).toBe(
      '2027-02-28T19:00:00.000Z',
    );
  });

  it('compares a complete month with the whole earlier month, whatever their lengths', () => {
    const feb2028 = reportedMonth(parseYearMonth('2028-02'), new Date('2028-06-01T00:00:00Z'), TZ);
    expect(iso(comparablePeriod({ year: 2027, month: 2 }, feb2028, TZ))).toEqual([
      '2027-01-31T19:00:00.000Z',
      '2027-02-28T19:00:00.000Z',
    ]);
  });
});
