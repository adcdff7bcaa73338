import { describe, expect, it } from 'vitest';
import { eventLabelKey } from './ticket-event-label.ts';

describe('eventLabelKey', () => {
  it('names commands by their own key', () => {
    expect(eventLabelKey({ type: 'ticket.hold', toState: 'on_hold' })).toBe('event.ticket.hold');
    expect(eventLabelKey({ type: 'ticket.create', toState: 'received' })).toBe('event.ticket.create');
  });

  it('names the automatic close after the confirmation window', () => {
    expect(
      eventLabelKey({ type: 'xstate.after.confirmationWindow.ticket.resolved', toState: 'closed' }),
    ).toBe('event.xstate.after.confirmationWindow.ticket.resolved');
  });

  it('names any other timer generically, as a close when it closed the ticket', () => {
    expect(eventLabelKey({ type: 'xstate.after.holdLimit.ticket.on_hold', toState: 'closed' })).toBe(
      'event.timerClosed',
    );
    expect(eventLabelKey({ type: 'xstate.after.ackWindow.ticket.assigned', toState: 'assigned' })).toBe(
      'event.timerFired',
    );
  });

  it('leaves an unknown type unnamed', () => {
    expect(eventLabelKey({ type: 'ticket.teleport', toState: 'assigned' })).toBeNull();
  });
});
