import { describe, expect, it } from 'vitest';
import { startOfCityDay } from './city-day.ts';

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
