import { describe, expect, it } from 'vitest';
import { cityLocalToIso, toCityLocal } from './city-time.ts';

describe('cityLocalToIso', () => {
  it('reads a datetime-local value in the city zone and keeps its offset', () => {
    expect(cityLocalToIso('2026-12-01T09:00', 'Asia/Almaty')).toBe('2026-12-01T09:00:00+05:00');
    expect(Date.parse(cityLocalToIso('2026-12-01T09:00', 'Asia/Almaty') ?? '')).toBe(
      Date.parse('2026-12-01T04:00:00Z'),
    );
    expect(cityLocalToIso('2026-12-01T09:00:30', 'UTC')).toBe('2026-12-01T09:00:30+00:00');
    expect(cityLocalToIso('2026-12-01T09:00', 'America/Bogota')).toBe('2026-12-01T09:00:00-05:00');
  });

  it('follows daylight saving from the zone data, not a fixed offset', () => {
    expect(cityLocalToIso('2026-01-15T12:00', 'Europe/Berlin')).toBe('2026-01-15T12:00:00+01:00');
    expect(cityLocalToIso('2026-07-15T12:00', 'Europe/Berlin')).toBe('2026-07-15T12:00:00+02:00');
    // 02:30 does not exist on the morning clocks go forward; it becomes 03:30 summer time.
    expect(cityLocalToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('refuses what is not a date and time', () => {
    expect(cityLocalToIso('', 'Asia/Almaty')).toBeNull();
    expect(cityLocalToIso('2026-12-01', 'Asia/Almaty')).toBeNull();
    expect(cityLocalToIso('2026-02-30T09:00', 'Asia/Almaty')).toBeNull();
    expect(cityLocalToIso('2026-12-01T24:00', 'Asia/Almaty')).toBeNull();
  });
});

describe('toCityLocal', () => {
  it('gives the datetime-local value of an instant in the city zone', () => {
    expect(toCityLocal(new Date('2026-11-30T20:30:00Z'), 'Asia/Almaty')).toBe('2026-12-01T01:30');
  });

  it('round-trips with cityLocalToIso', () => {
    const local = toCityLocal(new Date('2026-11-25T10:07:00Z'), 'Asia/Almaty');
    expect(cityLocalToIso(local, 'Asia/Almaty')).toBe('2026-11-25T15:07:00+05:00');
  });
});
