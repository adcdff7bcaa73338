import { describe, expect, it } from 'vitest';
import { distanceKm, nearestDistrict } from './district-locator.ts';
import { cityYear, formatRegistrationNumber } from './registration-number.ts';

describe('registration numbers', () => {
  it('pads the running number and takes the year in the city time zone', () => {
    expect(formatRegistrationNumber(2026, 123)).toBe('2026-000123');
    // 19:30 UTC on 31 December is already 1 January in Astana (UTC+5).
    expect(cityYear(new Date('2026-12-31T19:30:00Z'), 'Asia/Almaty')).toBe(2027);
    expect(cityYear(new Date('2026-12-31T18:30:00Z'), 'Asia/Almaty')).toBe(2026);
  });
});

describe('district locator', () => {
  const districts = [
    { id: 'yesil', lat: 51.1, lon: 71.43 },
    { id: 'saryarka', lat: 51.19, lon: 71.4 },
  ];
  it('picks the nearest centre', () => {
    expect(nearestDistrict(districts, 51.12, 71.44)).toBe('yesil');
    expect(nearestDistrict(districts, 51.2, 71.39)).toBe('saryarka');
  });
  it('guesses nothing far outside the city', () => {
    expect(nearestDistrict(districts, 43.24, 76.89)).toBeNull();
  });
  it('measures distance in kilometres', () => {
    expect(distanceKm(51, 71, 52, 71)).toBeCloseTo(111.2, 0);
  });
});
