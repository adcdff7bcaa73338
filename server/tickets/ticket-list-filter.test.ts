import { describe, expect, it } from 'vitest';
import type { ListedTicket } from '../../db/queries/ticket-list.ts';
import type { Viewer } from '../auth/access.ts';
import { TicketListQuery } from '../contracts/ticket.contract.ts';
import { DomainError } from '../errors.ts';
import { cursorAfter, listSortFor, ticketFilterFor } from './ticket-list-filter.ts';

const viewer = (role: Viewer['role'], agencyId: string | null = null): Viewer => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  agencyId,
});
const supervisor = viewer('supervisor');
const crew = viewer('agency', 'astana-su');
const now = new Date('2026-11-24T06:00:00Z');
const query = (params: Record<string, string>) => TicketListQuery.parse(params);

describe('ticket list filter', () => {
  it('sorts the agency queue by deadline, others newest first, and the at-risk view by deadline', () => {
    expect(listSortFor(crew, {})).toBe('deadline');
    expect(listSortFor(supervisor, {})).toBe('newest');
    expect(listSortFor(crew, { sort: 'newest' })).toBe('newest');
    expect(listSortFor(supervisor, { sort: 'newest', atRisk: true })).toBe('deadline');
  });

  it('fixes agency staff to their agency whatever they ask', () => {
    expect(ticketFilterFor(crew, query({ agencyId: 'other' }), now).agencyIds).toEqual(['astana-su']);
    expect(ticketFilterFor(supervisor, query({ agencyId: 'other' }), now).agencyIds).toEqual(['other']);
  });

  it('ends the at-risk window the given minutes after now', () => {
    const f = ticketFilterFor(supervisor, query({ atRisk: 'true', riskWindowMinutes: '30' }), now);
    expect(f.riskUntil).toEqual(new Date('2026-11-24T06:30:00Z'));
    expect(f.sort).toBe('deadline');
    expect(ticketFilterFor(supervisor, query({ atRisk: 'true' }), now).riskUntil).toEqual(
      new Date('2026-11-24T07:00:00Z'),
    );
    expect(ticketFilterFor(supervisor, query({ slaState: 'breached,paused' }), now).slaStates).toEqual([
      'breached',
      'paused',
    ]);
  });

  it('searches phones in the text box for staff only, when it is typed like a phone', () => {
    expect(ticketFilterFor(supervisor, query({ q: '+7 (701) 123-45-67' }), now).textPhoneDigits).toBe(
      '77011234567',
    );
    expect(
      ticketFilterFor(viewer('display'), query({ q: '701 123 45 67' }), now).textPhoneDigits,
    ).toBeUndefined();
    // Too few digits, or words: an ordinary text search.
    expect(ticketFilterFor(supervisor, query({ q: '123 45' }), now).textPhoneDigits).toBeUndefined();
    expect(ticketFilterFor(supervisor, query({ q: 'Abay 1234567' }), now).textPhoneDigits).toBeUndefined();
  });

  it('continues each order from its own cursor and refuses the other order’s', () => {
    const last = (deadline: string | null): ListedTicket =>
      ({ id: 42, deadlineAt: deadline ? new Date(deadline) : null }) as ListedTicket;
    expect(cursorAfter(last(null), 'newest')).toBe('42');
    const dated = cursorAfter(last('2026-11-24T07:00:00Z'), 'deadline');
    expect(dated).toBe(`${Date.parse('2026-11-24T07:00:00Z')}_42`);
    expect(cursorAfter(last(null), 'deadline')).toBe('n_42');
    expect(ticketFilterFor(supervisor, query({ cursor: '42' }), now).beforeId).toBe(42);
    expect(ticketFilterFor(crew, query({ cursor: dated }), now).after).toEqual({
      deadlineAt: new Date('2026-11-24T07:00:00Z'),
      id: 42,
    });
    expect(ticketFilterFor(crew, query({ cursor: 'n_42' }), now).after).toEqual({ deadlineAt: null, id: 42 });
    expect(() => ticketFilterFor(crew, query({ cursor: '42' }), now)).toThrow(DomainError);
    expect(() => ticketFilterFor(supervisor, query({ cursor: 'n_42' }), now)).toThrow(DomainError);
  });
});
