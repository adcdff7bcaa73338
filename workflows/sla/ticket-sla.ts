import type { TicketState } from '../ticket/ticket.types.ts';
import { roundTheClock, type BusinessCalendar } from './business-calendar.ts';
import type { EscalationLevel } from './escalation.ts';
import {
  pauseSlaClock,
  resumeSlaClock,
  startSlaClock,
  stopSlaClock,
  switchSlaCalendar,
  type SlaClock,
} from './sla-clock.ts';

/** Ticket priorities, most urgent first. */
export const PRIORITIES = ['emergency', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How a deadline is counted: wall-clock time, or the responsible agency's working hours. */
export type SlaMeasure = 'elapsed' | 'business';

/** The terms a ticket was registered under, copied from the policy so later changes do not rewrite them. */
export interface SlaTerms {
  policyId: number | null;
  priority: Priority;
  ackBudgetMs: number;
  resolveBudgetMs: number;
  measure: SlaMeasure;
  warnFraction: number;
  escalationPolicyId: string | null;
  escalation: EscalationLevel[];
}

/** A ticket's deadlines: its terms and the two clocks (null until first started). */
export interface TicketSla {
  terms: SlaTerms;
  ack: SlaClock | null;
  resolve: SlaClock | null;
}

/** Which deadline a clock measures. */
export type SlaClockName = 'ack' | 'resolve';

/** Where the resolution clock runs, pauses or stops, by ticket state. */
const RESOLVE_RUNS: readonly TicketState[] = ['registered', 'assigned', 'accepted', 'in_progress'];
const RESOLVE_PAUSES: readonly TicketState[] = ['on_hold', 'merged'];

/** One step of the ticket, as far as its deadlines care. */
export interface SlaStep {
  from: TicketState;
  to: TicketState;
  /** The machine event: a reopen restarts both clocks with their full budgets. */
  eventType: string;
  /** The calendar of the agency now responsible (or the centre's when none is). */
  calendar: BusinessCalendar;
  /** Whether the step handed the ticket to a different agency (the acknowledgement clock restarts). */
  agencyChanged: boolean;
}

/**
 * The deadlines after one step. The clocks follow the ticket's state: resolution runs from registration
 * until resolved, stands still on hold, and restarts in full on a reopen; acknowledgement runs while
 * the ticket waits in `assigned` for the agency it was (re)assigned to.
 */
export function nextTicketSla(sla: TicketSla, step: SlaStep, at: Date): TicketSla {
  const { terms } = sla;
  const calendar = terms.measure === 'business' ? step.calendar : roundTheClock(step.calendar.timeZone);
  const reopened = step.eventType === 'ticket.reopen';

  let resolve = sla.resolve;
  if (RESOLVE_RUNS.includes(step.to)) {
    if (!resolve || reopened)
      resolve = startSlaClock(terms.resolveBudgetMs, terms.warnFraction, calendar, at);
    else resolve = resumeSlaClock(switchSlaCalendar(resolve, calendar, at), at);
  } else if (resolve && RESOLVE_PAUSES.includes(step.to)) {
    resolve = pauseSlaClock(resolve, at);
  } else if (resolve) {
    resolve = stopSlaClock(resolve, at);
  }

  let ack = sla.ack;
  const entersAssigned = step.to === 'assigned' && (step.from !== 'assigned' || step.agencyChanged);
  if (entersAssigned) {
    ack = startSlaClock(terms.ackBudgetMs, terms.warnFraction, calendar, at);
  } else if (ack && step.to !== 'assigned') {
    ack = stopSlaClock(ack, at);
  }
  return { terms, ack, resolve };
}
