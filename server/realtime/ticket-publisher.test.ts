import { describe, expect, it } from 'vitest';
import { departureNotice } from './departure-notice.ts';
import { reassignment } from './ticket-change.factory.ts';
import { recordingRealtime } from './realtime.ts';
import { publishTicketChange } from './ticket-publisher.ts';

describe('publishTicketChange', () => {
  it('sends the whole change to the wall and the holder, and only a departure notice to the agency it left', () => {
    const realtime = recordingRealtime();
    const change = reassignment();
    publishTicketChange(realtime, change, [
      'wall:all',
      'agency:astana-su-arnasy',
      'agency:veterinary-service',
    ]);
    expect(realtime.sent).toEqual([
      { room: 'wall:all', event: 'ticket:changed', payload: change },
      { room: 'agency:astana-su-arnasy', event: 'ticket:changed', payload: change },
      { room: 'agency:veterinary-service', event: 'ticket:changed', payload: departureNotice(change) },
    ]);
  });

  it('sends a ticket that nobody holds any more (sent back to the centre) whole to the wall only', () => {
    const realtime = recordingRealtime();
    const change = reassignment();
    change.ticket = { ...change.ticket, agencyId: null };
    publishTicketChange(realtime, change, ['wall:all', 'agency:veterinary-service']);
    expect(realtime.sent.map((s) => [s.room, s.payload === change])).toEqual([
      ['wall:all', true],
      ['agency:veterinary-service', false],
    ]);
  });
});
