import { describe, expect, it } from 'vitest';
import type { TicketState } from '../ticket/ticket.types.ts';
import { roundTheClock } from './business-calendar.ts';
import { isSlaRunning, slaConsumedMs, slaDueAt } from './sla-clock.ts';
import { nextTicketSla, type TicketSla } from './ticket-sla.ts';

const MINUTE = 60_000;
const CALENDAR = roundTheClock('Asia/Almaty');
const T0 = Date.parse('2026-11-25T06:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);
const fresh: TicketSla = {
  terms: {
    policyId: 1,
    priority: 'emergency',
    ackBudgetMs: 15 * MINUTE,
    resolveBudgetMs: 240 * MINUTE,
    measure: 'elapsed',
    warnFraction: 0.75,
    escalationPolicyId: null,
    escalation: [],
  },
  ack: null,
  resolve: null,
};

/** Walks the ticket through `steps` ([from, to, event, minute, agencyChanged?]). */
function walk(steps: [TicketState, TicketState, string, number, boolean?][]): TicketSla {
  return steps.reduce(
    (sla, [from, to, eventType, minute, agencyChanged]) =>
      nextTicketSla(
        sla,
        { from, to, eventType, calendar: CALENDAR, agencyChanged: agencyChanged ?? false },
        at(minute),
      ),
    fresh,
  );
}

describe("a ticket's deadlines follow its state", () => {
  it('starts resolution at registration and acknowledgement at assignment; acceptance meets the latter', () => {
    const sla = walk([
      ['received', 'registered', 'ticket.register', 0],
      ['registered', 'assigned', 'ticket.assign', 5, true],
      ['assigned', 'accepted', 'ticket.accept', 10],
    ]);
    expect(sla.ack?.outcome).toBe('met');
    expect(slaDueAt(sla.resolve!)).toEqual(at(240));
  });

  it('restarts acknowledgement when another agency gets the ticket', () => {
    const sla = walk([
      ['received', 'registered', 'ticket.register', 0],
      ['registered', 'assigned', 'ticket.assign', 0, true],
      ['assigned', 'assigned', 'ticket.assign', 20, true],
    ]);
    expect(slaDueAt(sla.ack!)).toEqual(at(35));
  });

  it('a reassignment straight out of hold resumes the resolution clock', () => {
    const sla = walk([
      ['received', 'registered', 'ticket.register', 0],
      ['registered', 'assigned', 'ticket.assign', 0, true],
      ['assigned', 'in_progress', 'ticket.start', 10],
      ['in_progress', 'on_hold', 'ticket.hold', 60],
      ['on_hold', 'assigned', 'ticket.assign', 180, true],
    ]);
    expect(isSlaRunning(sla.resolve!)).toBe(true);
    expect(slaDueAt(sla.resolve!)).toEqual(at(360));
    expect(slaConsumedMs(sla.resolve!, at(180))).toBe(60 * MINUTE);
  });

  it('a reopen restarts both clocks in full, keeping the first outcome in the old clock', () => {
    const sla = walk([
      ['received', 'registered', 'ticket.register', 0],
      ['registered', 'assigned', 'ticket.assign', 0, true],
      ['assigned', 'resolved', 'ticket.resolve', 300],
      ['resolved', 'assigned', 'ticket.reopen', 400],
    ]);
    expect(slaDueAt(sla.resolve!)).toEqual(at(640));
    expect(slaDueAt(sla.ack!)).toEqual(at(415));
  });

  it('final states stop every clock', () => {
    const sla = walk([
      ['received', 'registered', 'ticket.register', 0],
      ['registered', 'assigned', 'ticket.assign', 0, true],
      ['assigned', 'cancelled', 'ticket.cancel', 30],
    ]);
    expect(sla.ack?.outcome).toBe('breached');
    expect(sla.resolve?.outcome).toBe('met');
  });
});
