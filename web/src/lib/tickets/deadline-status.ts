import type { Ticket } from '#contracts/ticket.contract.ts';

/**
 * Where a deadline stands: still comfortable, past its warning share, past due, standing still on
 * hold, stopped because the work is done, or not running at all.
 */
export type DeadlineStatus = 'on_time' | 'warning' | 'breached' | 'paused' | 'stopped' | 'none';

/** A deadline as a screen shows it: when it falls (city time is the screen's business) and its status. */
export interface DeadlineView {
  dueAt: string | null;
  status: DeadlineStatus;
}

/** States in which the resolution clock has stopped for good (until a reopen). */
const RESOLVE_STOPPED: readonly Ticket['state'][] = [
  'resolved',
  'closed',
  'closed_first_contact',
  'cancelled',
];

/** The status of a running deadline at `now`: breached at its due time, a warning from its warning time. */
export function runningStatus(dueAt: string, warnAt: string | null, now: Date): DeadlineStatus {
  const at = now.getTime();
  if (at >= Date.parse(dueAt)) return 'breached';
  return warnAt !== null && at >= Date.parse(warnAt) ? 'warning' : 'on_time';
}

/** The acknowledgement deadline: it runs only while the agency has yet to accept the ticket. */
export function ackDeadline(ticket: Pick<Ticket, 'ackDueAt' | 'ackWarnAt'>, now: Date): DeadlineView {
  if (ticket.ackDueAt === null) return { dueAt: null, status: 'none' };
  return { dueAt: ticket.ackDueAt, status: runningStatus(ticket.ackDueAt, ticket.ackWarnAt, now) };
}

/**
 * The resolution deadline: paused on hold (and while merged), stopped once resolved or finished; the
 * server keeps the last due time for the record, so it is shown even then.
 */
export function resolveDeadline(
  ticket: Pick<Ticket, 'state' | 'resolveDueAt' | 'resolveWarnAt' | 'slaPaused'>,
  now: Date,
): DeadlineView {
  const dueAt = ticket.resolveDueAt;
  if (ticket.slaPaused) return { dueAt, status: 'paused' };
  if (dueAt === null) return { dueAt, status: 'none' };
  if (RESOLVE_STOPPED.includes(ticket.state)) return { dueAt, status: 'stopped' };
  return { dueAt, status: runningStatus(dueAt, ticket.resolveWarnAt, now) };
}
