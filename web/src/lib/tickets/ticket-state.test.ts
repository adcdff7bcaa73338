import { describe, expect, it } from 'vitest';
import { ticketEventFactory, ticketFactory } from './ticket.factory.ts';
import { currentHold, isOpen, isOverdue } from './ticket-state.ts';

const now = new Date('2026-11-25T10:00:00.000Z');

describe('isOpen and isOverdue', () => {
  it('counts accepted and on-hold tickets as open; only the running clock can be overdue', () => {
    for (const state of ['accepted', 'on_hold'] as const) expect(isOpen({ state })).toBe(true);
    expect(isOverdue({ state: 'accepted', resolveDueAt: '2026-11-25T09:00:00.000Z' }, now)).toBe(true);
    expect(isOverdue({ state: 'on_hold', resolveDueAt: '2026-11-25T09:00:00.000Z' }, now)).toBe(false);
    expect(isOverdue({ state: 'closed', resolveDueAt: '2026-11-25T09:00:00.000Z' }, now)).toBe(false);
  });
});

describe('currentHold', () => {
  const hold = (seq: number, reason: string, until: string) =>
    ticketEventFactory({
      seq,
      type: 'ticket.hold',
      fromState: 'in_progress',
      toState: 'on_hold',
      payload: { reason, until },
    });

  it('reads the latest hold of a ticket on hold', () => {
    const events = [
      hold(1, 'Waiting for a pump', '2026-11-26T09:00:00+05:00'),
      ticketEventFactory({ seq: 2, type: 'ticket.resume', fromState: 'on_hold', toState: 'in_progress' }),
      hold(3, 'Frost', '2026-11-28T09:00:00+05:00'),
    ];
    expect(currentHold({ ...ticketFactory({ state: 'on_hold' }), events })).toEqual({
      reason: 'Frost',
      until: '2026-11-28T09:00:00+05:00',
    });
  });

  it('drops a resume time that is not a date', () => {
    const events = [hold(1, 'Frost', 'soon')];
    expect(currentHold({ ...ticketFactory({ state: 'on_hold' }), events })?.until).toBeNull();
  });

  it('is null for a ticket not on hold, and empty when the hold event is missing', () => {
    const events = [hold(1, 'Frost', '2026-11-28T09:00:00+05:00')];
    expect(currentHold({ ...ticketFactory({ state: 'in_progress' }), events })).toBeNull();
    expect(currentHold({ ...ticketFactory({ state: 'on_hold' }), events: [] })).toEqual({
      reason: null,
      until: null,
    });
  });
});
