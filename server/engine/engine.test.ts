import { describe, expect, it } from 'vitest';
import { distanceKm, nearestDistrict } from './district-locator.ts';
import {
  cityYear,
  formatRegistrationNumber,
  REGISTRATION_NUMBER_LIKE,
  registrationFormatProblems,
} from './registration-number.ts';

describe('registration numbers', () => {
  it('pads the running number and takes the year in the city time zone', () => {
    expect(formatRegistrationNumber(2026, 123)).toBe('2026-000123');
    expect(formatRegistrationNumber(2026, 123, '109-{yy}-{seq:6}')).toBe('109-26-000123');
    expect(formatRegistrationNumber(2027, 1234567, '{year}/{seq:7}')).toBe('2027/1234567');
    expect(registrationFormatProblems('{year}-{seq:6}')).toEqual([]);
    expect(registrationFormatProblems('{seq:3}')).toEqual([
      'needs the running number as {seq:N}, N from 4 to 9',
      'needs the year as {year} or {yy}',
      'may add only letters, digits, - and /',
      'must hold the year and the running number once each',
    ]);
    expect(registrationFormatProblems('№ {year} {seq:6}')).toEqual(['may add only letters, digits, - and /']);
    expect(registrationFormatProblems('{year}{seq:6}')).toEqual([
      'needs a - or / between its parts, to be read out over the phone',
    ]);
    for (const number of ['2026-000123', '109-26-000123', '2027/1234567'])
      expect(REGISTRATION_NUMBER_LIKE.test(number), number).toBe(true);
    for (const text of ['hello', 'abc', '2026 000123', '2026-000123!', '12-34'])
      expect(REGISTRATION_NUMBER_LIKE.test(text), text).toBe(false);
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
