import { describe, expect, it } from 'vitest';
import type { Ticket } from '#contracts/ticket.contract.ts';
import { ticketFactory } from './ticket.factory.ts';
import { byDeadline } from './sla-state.ts';
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

describe('live changes in a console list', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const due = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  const working = (id: number, dueIn: number, version = 1) =>
    ticketFactory({
      id,
      version,
      state: 'in_progress',
      resolveDueAt: due(dueIn),
      resolveWarnAt: due(dueIn - 60),
    });

  it('drops a ticket that no longer has the SLA state filtered for, judged at the given time', () => {
    const breached = { slaState: ['breached'] };
    expect(matchesQuery(breached, working(1, -5), now)).toBe(true);
    expect(matchesQuery(breached, working(1, 5), now)).toBe(false);
    expect(matchesQuery(breached, { ...working(1, -5), state: 'on_hold', slaPaused: true }, now)).toBe(false);
    expect(matchesQuery({ atRisk: true, riskWindowMinutes: 10 }, working(1, 8), now)).toBe(true);
    expect(matchesQuery({ atRisk: true, riskWindowMinutes: 10 }, working(1, 80), now)).toBe(false);
  });

  it('keeps a deadline-sorted list in order as changes arrive', () => {
    let list: readonly Ticket[] = [working(1, 10), working(2, 20), working(3, 30)];
    list = upsertTicket(list, working(4, 15), true, byDeadline);
    expect(ids(list)).toEqual([1, 4, 2, 3]);
    // Ticket 1 was reassigned and its deadline moved later: it moves down.
    list = upsertTicket(list, working(1, 25, 2), true, byDeadline);
    expect(ids(list)).toEqual([4, 2, 1, 3]);
  });

  it('keeps the resident’s phone a push leaves out, so a phone search still matches', () => {
    const known = ticketFactory({ id: 3, version: 1, reporterPhone: '+7 777 555 12 34' });
    const pushed = ticketFactory({ id: 3, version: 2, reporterPhone: null, description: 'Changed' });
    const list = upsertTicket([known], pushed, true);
    expect(list[0]).toMatchObject({ description: 'Changed', reporterPhone: '+7 777 555 12 34' });
    expect(matchesQuery({ q: '777 555 12 34' }, list[0]!)).toBe(true);
    expect(matchesQuery({ q: '777 555 12 34' }, pushed)).toBe(false);
  });
});
