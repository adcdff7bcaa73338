import type { Ticket } from '#contracts/ticket.contract.ts';
import { FINAL_TICKET_STATES } from '../ticket-vocabulary.ts';

const FINAL_STATES: readonly Ticket['state'][] = FINAL_TICKET_STATES;

/** Whether the ticket still needs work. */
export const isOpen = (ticket: Pick<Ticket, 'state'>): boolean => !FINAL_STATES.includes(ticket.state);

/**
 * Whether an open ticket is past its resolution deadline at `now` (the same rule as the server's
 * overdue KPI, so the map and the tile agree).
 */
export function isOverdue(ticket: Pick<Ticket, 'state' | 'resolveDueAt'>, now: Date): boolean {
  return isOpen(ticket) && ticket.resolveDueAt !== null && Date.parse(ticket.resolveDueAt) < now.getTime();
}
