import { describe, expect, it } from 'vitest';
import { locateFailure, roundDegrees } from './geolocation.ts';

describe('locateFailure', () => {
  it('tells a refusal from a missing fix', () => {
    expect(locateFailure(1)).toBe('denied');
    expect(locateFailure(2)).toBe('unavailable');
    expect(locateFailure(3)).toBe('unavailable');
  });
});

describe('roundDegrees', () => {
  it('keeps six decimals', () => {
    expect(roundDegrees(51.12834567)).toBe(51.128346);
  });
});
