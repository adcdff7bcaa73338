import { describe, expect, it } from 'vitest';
import { elapsedMessage, elapsedParts } from './elapsed.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('elapsedParts', () => {
  it('splits the time since a moment into days, hours and minutes', () => {
    expect(elapsedParts('2026-11-25T11:48:30Z', now)).toEqual({ days: 0, hours: 0, minutes: 11 });
    expect(elapsedParts('2026-11-22T07:55:00Z', now)).toEqual({ days: 3, hours: 4, minutes: 5 });
  });

  it('never goes negative when the server clock is a little ahead', () => {
    expect(elapsedParts('2026-11-25T12:00:20Z', now)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});

describe('elapsedMessage', () => {
  it('uses the two largest units', () => {
    expect(elapsedMessage('2026-11-25T11:59:40Z', now)).toEqual({ key: 'age.justNow' });
    expect(elapsedMessage('2026-11-25T11:48:00Z', now)).toEqual({
      key: 'age.minutes',
      params: { minutes: 12 },
    });
    expect(elapsedMessage('2026-11-25T09:55:00Z', now)).toEqual({
      key: 'age.hours',
      params: { hours: 2, minutes: 5 },
    });
    expect(elapsedMessage(new Date('2026-11-22T07:55:00Z'), now)).toEqual({
      key: 'age.days',
      params: { days: 3, hours: 4 },
    });
  });
});
