import { describe, expect, it } from 'vitest';
import { isPastExpected, publicEventKey } from './status-timeline.ts';

describe('publicEventKey', () => {
  it('uses the console’s label for each public event', () => {
    expect(publicEventKey({ event: 'create', state: 'received' })).toBe('event.ticket.create');
    expect(publicEventKey({ event: 'register', state: 'registered' })).toBe('event.ticket.register');
    expect(publicEventKey({ event: 'resolve', state: 'resolved' })).toBe('event.ticket.resolve');
  });

  it('names the centre’s deadlines by what they did', () => {
    expect(publicEventKey({ event: 'timer', state: 'closed' })).toBe('event.timerClosed');
    expect(publicEventKey({ event: 'timer', state: 'assigned' })).toBe('event.timerFired');
    expect(publicEventKey({ event: 'something-new', state: 'assigned' })).toBe('event.timerFired');
  });
});

describe('isPastExpected', () => {
  const now = new Date('2026-11-26T12:00:00Z');

  it('is true only for a running deadline that has passed', () => {
    expect(isPastExpected({ state: 'in_progress', resolveDueAt: '2026-11-26T11:00:00Z' }, now)).toBe(true);
    expect(isPastExpected({ state: 'in_progress', resolveDueAt: '2026-11-26T13:00:00Z' }, now)).toBe(false);
    expect(isPastExpected({ state: 'on_hold', resolveDueAt: '2026-11-26T11:00:00Z' }, now)).toBe(false);
    expect(isPastExpected({ state: 'closed', resolveDueAt: null }, now)).toBe(false);
  });
});
