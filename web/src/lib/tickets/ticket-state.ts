import type { Ticket, TicketWithHistory } from '#contracts/ticket.contract.ts';
import { FINAL_TICKET_STATES } from '../ticket-vocabulary.ts';

const FINAL_STATES: readonly Ticket['state'][] = FINAL_TICKET_STATES;

/** Whether the ticket still needs work. */
export const isOpen = (ticket: Pick<Ticket, 'state'>): boolean => !FINAL_STATES.includes(ticket.state);

/**
 * Whether an open ticket is past its resolution deadline at `now` (the same rule as the server's
 * overdue KPI, so the map and the tile agree). A ticket on hold is not: its clock is paused.
 */
export function isOverdue(ticket: Pick<Ticket, 'state' | 'resolveDueAt'>, now: Date): boolean {
  return (
    isOpen(ticket) &&
    ticket.state !== 'on_hold' &&
    ticket.resolveDueAt !== null &&
    Date.parse(ticket.resolveDueAt) < now.getTime()
  );
}

/** Why a ticket on hold is waiting and when its agency expects to resume (ISO), as recorded. */
export interface HoldInfo {
  reason: string | null;
  until: string | null;
}

/**
 * The hold a ticket is in, read from its latest `ticket.hold` event (the wire ticket does not
 * carry it); null unless the ticket is on hold now.
 */
export function currentHold(ticket: Pick<TicketWithHistory, 'state' | 'events'>): HoldInfo | null {
  if (ticket.state !== 'on_hold') return null;
  const hold = ticket.events.findLast((e) => e.type === 'ticket.hold');
  if (!hold) return { reason: null, until: null };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const until = text(hold.payload['until']);
  return {
    reason: text(hold.payload['reason']),
    until: until !== null && !Number.isNaN(Date.parse(until)) ? until : null,
  };
}
