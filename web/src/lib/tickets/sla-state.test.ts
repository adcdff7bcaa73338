import { describe, expect, it } from 'vitest';
import { ticketFactory } from './ticket.factory.ts';
import { byDeadline, cursorAfter, isAtRisk, runningDeadline, slaStateOf } from './sla-state.ts';

const MINUTE_MS = 60_000;
const now = new Date('2026-11-25T10:00:00Z');
const inMinutes = (m: number) => new Date(now.getTime() + m * MINUTE_MS).toISOString();

/** A ticket worked by its agency: only the resolution clock runs. */
const working = (dueIn: number, warnIn: number, id = 1) =>
  ticketFactory({
    id,
    state: 'in_progress',
    resolveDueAt: inMinutes(dueIn),
    resolveWarnAt: inMinutes(warnIn),
  });

describe('SLA state (the twin of the server’s list query)', () => {
  it('is on time, warning from the warning time, breached from the due time', () => {
    expect(slaStateOf(working(60, 30), now)).toBe('on_time');
    expect(slaStateOf(working(60, 0), now)).toBe('warning');
    expect(slaStateOf(working(0, -30), now)).toBe('breached');
    expect(slaStateOf(working(-5, -30), now)).toBe('breached');
  });

  it('counts the acknowledgement only while the ticket waits in assigned, and the earlier deadline wins', () => {
    const waiting = ticketFactory({
      state: 'assigned',
      ackDueAt: inMinutes(-1),
      ackWarnAt: inMinutes(-4),
      resolveDueAt: inMinutes(200),
      resolveWarnAt: inMinutes(150),
    });
    expect(runningDeadline(waiting)).toEqual({
      dueAt: Date.parse(inMinutes(-1)),
      warnAt: Date.parse(inMinutes(-4)),
    });
    expect(slaStateOf(waiting, now)).toBe('breached');
    // Accepted: a leftover acknowledgement time no longer counts.
    expect(slaStateOf({ ...waiting, state: 'accepted' }, now)).toBe('on_time');
  });

  it('is paused on hold, and none once the work is done', () => {
    expect(
      slaStateOf(ticketFactory({ state: 'on_hold', slaPaused: true, resolveDueAt: inMinutes(-9) }), now),
    ).toBe('paused');
    expect(slaStateOf(ticketFactory({ state: 'resolved', resolveDueAt: inMinutes(-9) }), now)).toBeNull();
    expect(slaStateOf(ticketFactory({ state: 'closed', resolveDueAt: inMinutes(-9) }), now)).toBeNull();
    expect(
      slaStateOf(ticketFactory({ state: 'received', resolveDueAt: null, resolveWarnAt: null }), now),
    ).toBeNull();
  });

  it('is at risk when warned, or due within the window, but not when breached or paused', () => {
    const hour = 60 * MINUTE_MS;
    expect(isAtRisk(working(90, 10), now, hour)).toBe(false);
    expect(isAtRisk(working(45, 10), now, hour)).toBe(true);
    expect(isAtRisk(working(90, -10), now, hour)).toBe(true);
    expect(isAtRisk(working(-1, -10), now, hour)).toBe(false);
    expect(isAtRisk({ ...working(5, -10), state: 'on_hold', slaPaused: true }, now, hour)).toBe(false);
  });

  it('orders by nearest deadline, overdue first, none last, ties oldest first', () => {
    const list = [
      ticketFactory({ id: 5, state: 'resolved' }),
      working(30, 0, 4),
      working(-20, -60, 3),
      working(30, 0, 2),
      ticketFactory({ id: 1, state: 'closed' }),
    ];
    expect([...list].sort(byDeadline).map((t) => t.id)).toEqual([3, 2, 4, 1, 5]);
  });

  it('writes the cursor the server writes for each order', () => {
    expect(cursorAfter(working(30, 0, 7), 'newest')).toBe('7');
    expect(cursorAfter(working(30, 0, 7), 'deadline')).toBe(`${Date.parse(inMinutes(30))}_7`);
    expect(cursorAfter(ticketFactory({ id: 7, state: 'closed' }), 'deadline')).toBe('n_7');
  });
});
