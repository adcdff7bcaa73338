import { describe, expect, it } from 'vitest';
import { cityDate, cityDayStarts, nextCityDay, startOfCityDay, startOfCityMonth } from './city-day.ts';

describe('startOfCityDay', () => {
  it('starts Astana’s day at 19:00 UTC the evening before (UTC+5)', () => {
    expect(startOfCityDay(new Date('2026-11-25T21:30:00Z'), 'Asia/Almaty').toISOString()).toBe(
      '2026-11-25T19:00:00.000Z',
    );
    expect(startOfCityDay(new Date('2026-11-25T18:59:59Z'), 'Asia/Almaty').toISOString()).toBe(
      '2026-11-24T19:00:00.000Z',
    );
  });
  it('handles a zone with daylight saving time', () => {
    expect(startOfCityDay(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-06-30T22:00:00.000Z',
    );
  });
});

describe('city days and months', () => {
  it('finds the next midnight from any instant of a day', () => {
    expect(nextCityDay(new Date('2026-11-24T19:00:00Z'), 'Asia/Almaty').toISOString()).toBe(
      '2026-11-25T19:00:00.000Z',
    );
    expect(nextCityDay(new Date('2026-11-25T18:59:59Z'), 'Asia/Almaty').toISOString()).toBe(
      '2026-11-25T19:00:00.000Z',
    );
  });

  it('gives 23- and 25-hour days across daylight-saving changes', () => {
    const spring = cityDayStarts(
      new Date('2026-03-28T23:00:00Z'),
      new Date('2026-03-30T22:00:00Z'),
      'Europe/Berlin',
    );
    expect(spring.map((d) => d.toISOString())).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
    const autumn = nextCityDay(new Date('2026-10-24T22:00:00Z'), 'Europe/Berlin');
    expect(autumn.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('splits a period into city days, the first and last possibly short', () => {
    const starts = cityDayStarts(
      new Date('2026-11-01T05:00:00Z'),
      new Date('2026-11-03T10:00:00Z'),
      'Asia/Almaty',
    );
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T19:00:00.000Z',
      '2026-11-02T19:00:00.000Z',
    ]);
    expect(starts.map((d) => cityDate(d, 'Asia/Almaty'))).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(
      cityDayStarts(new Date('2026-11-01T05:00:00Z'), new Date('2026-11-01T05:00:00Z'), 'Asia/Almaty'),
    ).toEqual([]);
  });

  it('starts a month at the city’s midnight on the 1st', () => {
    expect(startOfCityMonth(2026, 11, 'Asia/Almaty').toISOString()).toBe('2026-10-31T19:00:00.000Z');
    expect(startOfCityMonth(2026, 1, 'Asia/Almaty').toISOString()).toBe('2025-12-31T19:00:00.000Z');
  });
});
