import { describe, expect, it } from 'vitest';
import { departureNotice } from './departure-notice.ts';
import { reassignment } from './ticket-change.factory.ts';

describe('departureNotice', () => {
  it('tells where the ticket went and at which version, without the new holder’s deadlines', () => {
    const notice = departureNotice(reassignment());
    expect(notice.seq).toBe(42);
    expect(notice.events.map((e) => [e.seq, e.type, e.payload])).toEqual([
      [42, 'ticket.assign', { agencyId: 'astana-su-arnasy' }],
    ]);
    expect(notice.ticket).toMatchObject({
      id: 7,
      registrationNumber: '2026-000007',
      agencyId: 'astana-su-arnasy',
      state: 'assigned',
      version: 5,
      ackDueAt: null,
      ackWarnAt: null,
      resolveDueAt: null,
      resolveWarnAt: null,
      closedAt: null,
    });
  });

  it('describes the ticket as it was at the move, even when built from the ticket as it is now', () => {
    const later = reassignment();
    later.ticket = {
      ...later.ticket,
      state: 'resolved',
      version: 9,
      agencyId: 'astana-teplotranzit',
      closedAt: '2026-11-26T06:00:00.000Z',
      mergedIntoId: 3,
      slaPaused: true,
      updatedAt: '2026-11-26T06:00:00.000Z',
    };
    expect(departureNotice(later).ticket).toMatchObject({
      state: 'assigned',
      version: 5,
      agencyId: 'astana-su-arnasy',
      updatedAt: '2026-11-25T06:30:00.000Z',
      closedAt: null,
      mergedIntoId: null,
      slaPaused: false,
    });
  });

  it('drops the reasons of a rejection or a separation, which carry no agency', () => {
    const rejected = reassignment();
    rejected.events = [
      { ...rejected.events[0]!, type: 'ticket.reject', toState: 'registered', payload: { reason: 'A cat' } },
    ];
    rejected.ticket = { ...rejected.ticket, agencyId: null, state: 'registered' };
    const notice = departureNotice(rejected);
    expect(notice.events[0]!.payload).toEqual({});
    expect(notice.ticket).toMatchObject({ agencyId: null, state: 'registered' });
  });

  it('refuses a change without events: there is no move to tell', () => {
    expect(() => departureNotice({ ...reassignment(), events: [] })).toThrow(/event that moved/);
  });
});
