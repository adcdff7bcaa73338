import type { Ticket, TicketChangedBy } from '#contracts/ticket.contract.ts';
import { isConflict } from '../error-text.ts';

/** What a refused command ran into: the ticket as it is now, and who changed it last. */
export interface TicketMovedOn {
  ticket: Ticket;
  changedBy: TicketChangedBy | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * The current ticket a 409 carries when someone else changed the ticket first (TicketConflict);
 * null for any other error, or a 409 from a server that sent no ticket.
 */
export function movedOn(err: unknown): TicketMovedOn | null {
  if (!isConflict(err)) return null;
  const { ticket, changedBy } = err.details;
  if (!isRecord(ticket) || typeof ticket['id'] !== 'number' || typeof ticket['state'] !== 'string')
    return null;
  const by =
    isRecord(changedBy) && typeof changedBy['role'] === 'string'
      ? (changedBy as unknown as TicketChangedBy)
      : null;
  // The server builds it from the Ticket schema; the checks above only guard against another server.
  return { ticket: ticket as unknown as Ticket, changedBy: by };
}
