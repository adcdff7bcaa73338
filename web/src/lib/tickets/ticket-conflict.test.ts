import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.ts';
import { ticketFactory } from './ticket.factory.ts';
import { movedOn } from './ticket-conflict.ts';

describe('movedOn', () => {
  const ticket = ticketFactory({ id: 4, state: 'accepted', version: 5 });
  const changedBy = {
    name: 'Aidos',
    role: 'agency',
    eventType: 'ticket.accept',
    at: '2026-11-25T08:00:00.000Z',
  };
  const conflict = (extra: Record<string, unknown>, code = 'stale_version') =>
    new ApiError(409, { code, message: 'moved on', currentState: 'accepted', currentVersion: 5, ...extra });

  it('reads the current ticket and who changed it from a 409', () => {
    expect(movedOn(conflict({ ticket, changedBy }))).toEqual({ ticket, changedBy });
    expect(movedOn(conflict({ ticket, changedBy: null }, 'event_not_accepted'))).toEqual({
      ticket,
      changedBy: null,
    });
  });

  it('is null for other errors and for a 409 without a ticket', () => {
    expect(movedOn(conflict({}))).toBeNull();
    expect(movedOn(conflict({ ticket: 'x' }))).toBeNull();
    expect(movedOn(new ApiError(403, { code: 'forbidden', message: 'no' }))).toBeNull();
    expect(movedOn(conflict({ ticket }, 'incident_not_open'))).toBeNull();
    expect(movedOn(new Error('x'))).toBeNull();
  });
});
