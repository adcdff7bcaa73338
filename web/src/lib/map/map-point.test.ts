import { describe, expect, it } from 'vitest';
import { TICKET_STATES } from '../ticket-vocabulary.ts';
import { ticketFactory } from '../tickets/ticket.factory.ts';
import { isOverdue } from '../tickets/ticket-state.ts';
import { slaLevel, slaTimes, ticketSlaLevel, toMapPoint } from './map-point.ts';

const now = new Date('2026-11-25T10:00:00.000Z');
const before = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const after = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe('slaLevel', () => {
  it('is breached past the resolution deadline, warning past its warning share, else on time', () => {
    expect(ticketSlaLevel(ticketFactory({ resolveDueAt: before(1), resolveWarnAt: before(60) }), now)).toBe(
      'breached',
    );
    expect(ticketSlaLevel(ticketFactory({ resolveDueAt: after(30), resolveWarnAt: before(1) }), now)).toBe(
      'warning',
    );
    expect(ticketSlaLevel(ticketFactory({ resolveDueAt: after(90), resolveWarnAt: after(30) }), now)).toBe(
      'on_time',
    );
  });

  it('is warning once an acknowledgement is past its warning share or late, the work still on time', () => {
    const onTime = { resolveDueAt: after(600), resolveWarnAt: after(300) };
    expect(ticketSlaLevel(ticketFactory({ ...onTime, ackDueAt: after(5), ackWarnAt: before(1) }), now)).toBe(
      'warning',
    );
    expect(
      ticketSlaLevel(ticketFactory({ ...onTime, ackDueAt: before(5), ackWarnAt: before(10) }), now),
    ).toBe('warning');
    expect(ticketSlaLevel(ticketFactory({ ...onTime, ackDueAt: after(20), ackWarnAt: after(10) }), now)).toBe(
      'on_time',
    );
  });

  it('agrees with the overdue rule of the wall tile for every state', () => {
    for (const state of TICKET_STATES) {
      for (const resolveDueAt of [before(5), after(5), null]) {
        const ticket = ticketFactory({
          state,
          resolveDueAt,
          resolveWarnAt: null,
          slaPaused: state === 'on_hold',
        });
        expect(ticketSlaLevel(ticket, now) === 'breached', `${state} ${resolveDueAt}`).toBe(
          isOverdue(ticket, now),
        );
      }
    }
  });

  it('does not warn while the resolution clock stands still (on hold) or has stopped (resolved)', () => {
    const past = { resolveDueAt: after(60), resolveWarnAt: before(5) };
    expect(ticketSlaLevel(ticketFactory({ ...past, state: 'on_hold', slaPaused: true }), now)).toBe(
      'on_time',
    );
    expect(ticketSlaLevel(ticketFactory({ ...past, state: 'resolved' }), now)).toBe('on_time');
  });

  it('judges the numeric record the same as the ticket', () => {
    const ticket = ticketFactory({ resolveDueAt: after(30), resolveWarnAt: before(1) });
    expect(slaLevel(slaTimes(ticket), now.getTime())).toBe(ticketSlaLevel(ticket, now));
  });
});

describe('toMapPoint', () => {
  it('keeps what the map needs of an open ticket with a location', () => {
    const point = toMapPoint(ticketFactory({ id: 7, version: 4, registrationNumber: '2026-000007' }));
    expect(point).toMatchObject({
      id: 7,
      version: 4,
      lat: 51.16,
      lon: 71.47,
      districtId: 'almaty',
      agencyId: 'astana-su',
      label: '2026-000007',
      resolveDueMs: Date.parse('2026-11-25T12:00:00.000Z'),
      ackDueMs: null,
    });
  });

  it('leaves out finished tickets and tickets without a location', () => {
    expect(toMapPoint(ticketFactory({ state: 'closed' }))).toBeNull();
    expect(toMapPoint(ticketFactory({ lat: null, lon: null }))).toBeNull();
  });
});
