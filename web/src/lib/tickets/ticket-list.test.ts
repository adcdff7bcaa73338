import { describe, expect, it } from 'vitest';
import type { Ticket } from '#contracts/ticket.contract.ts';
import { ticketFactory } from './ticket.factory.ts';
import { appendPage, matchesQuery, upsertTicket } from './ticket-list.ts';
import { isOverdue } from './ticket-state.ts';

const ids = (list: readonly Ticket[]) => list.map((t) => t.id);

describe('upsertTicket', () => {
  const list = [ticketFactory({ id: 9 }), ticketFactory({ id: 5 }), ticketFactory({ id: 2 })];

  it('inserts a new ticket in id order, newest first', () => {
    expect(ids(upsertTicket(list, ticketFactory({ id: 10 }), true))).toEqual([10, 9, 5, 2]);
    expect(ids(upsertTicket(list, ticketFactory({ id: 7 }), true))).toEqual([9, 7, 5, 2]);
    expect(ids(upsertTicket(list, ticketFactory({ id: 1 }), true))).toEqual([9, 5, 2, 1]);
  });

  it('replaces with a newer version and ignores an older or equal one', () => {
    const newer = upsertTicket(list, ticketFactory({ id: 5, version: 4, state: 'in_progress' }), true);
    expect(newer[1]?.state).toBe('in_progress');
    expect(upsertTicket(newer, ticketFactory({ id: 5, version: 3 }), true)).toBe(newer);
  });

  it('removes a ticket that no longer belongs, and leaves the list alone when it was not there', () => {
    expect(ids(upsertTicket(list, ticketFactory({ id: 5, version: 4, state: 'closed' }), false))).toEqual([
      9, 2,
    ]);
    expect(upsertTicket(list, ticketFactory({ id: 6 }), false)).toBe(list);
  });
});

describe('appendPage', () => {
  it('skips duplicates', () => {
    expect(
      ids(appendPage([ticketFactory({ id: 9 })], [ticketFactory({ id: 9 }), ticketFactory({ id: 4 })])),
    ).toEqual([9, 4]);
  });
});

describe('matchesQuery', () => {
  it('applies every filter the server applies', () => {
    const t = ticketFactory();
    expect(matchesQuery({}, t)).toBe(true);
    expect(matchesQuery({ open: true }, t)).toBe(true);
    expect(matchesQuery({ open: false }, t)).toBe(false);
    expect(matchesQuery({ state: ['registered', 'assigned'] }, t)).toBe(true);
    expect(matchesQuery({ state: ['resolved'] }, t)).toBe(false);
    expect(matchesQuery({ categoryId: 'other' }, t)).toBe(false);
    expect(matchesQuery({ agencyId: 'astana-su', districtId: 'almaty', channel: 'phone' }, t)).toBe(true);
    expect(matchesQuery({ q: 'MANHOLE' }, t)).toBe(true);
    expect(matchesQuery({ q: '000001' }, t)).toBe(true);
    expect(matchesQuery({ q: 'flood' }, t)).toBe(false);
  });
});

describe('isOverdue', () => {
  const now = new Date('2026-11-25T13:00:00.000Z');
  it('is true for open tickets past their resolution deadline only', () => {
    expect(isOverdue(ticketFactory(), now)).toBe(true);
    expect(isOverdue(ticketFactory({ resolveDueAt: '2026-11-25T14:00:00.000Z' }), now)).toBe(false);
    expect(isOverdue(ticketFactory({ state: 'closed' }), now)).toBe(false);
    expect(isOverdue(ticketFactory({ resolveDueAt: null }), now)).toBe(false);
  });
  it('is false while on hold: the resolution clock is paused', () => {
    expect(isOverdue(ticketFactory({ state: 'on_hold' }), now)).toBe(false);
  });
});
