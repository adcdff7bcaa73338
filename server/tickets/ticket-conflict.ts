import type { Sql } from '../../db/client.ts';
import { listTicketEvents } from '../../db/queries/ticket-events.ts';
import { findTicket } from '../../db/queries/tickets.ts';
import { findUserNames } from '../../db/queries/users.ts';
import type { Viewer } from '../auth/access.ts';
import type { TicketChangedBy } from '../contracts/ticket.contract.ts';
import { DomainError } from '../errors.ts';
import { toTicketDto } from './ticket.mapper.ts';

/** 409 codes that mean "the ticket moved on while you looked at it" (not a refusal of the request). */
const MOVED_ON = ['stale_version', 'event_not_accepted'];

/** Whether `err` is a 409 because someone else changed the ticket first. */
export const isMovedOn = (err: unknown): err is DomainError =>
  err instanceof DomainError && err.status === 409 && MOVED_ON.includes(err.code);

/**
 * The same 409 with the ticket as it is now (as `viewer` may see it) and who changed it last, so
 * the console that lost the race can say what happened without asking again (TicketConflict).
 */
export async function withCurrentTicket(
  db: Sql,
  viewer: Viewer,
  ticketId: number,
  err: DomainError,
): Promise<DomainError> {
  const ticket = await findTicket(db, ticketId);
  if (!ticket) return err;
  const last = (await listTicketEvents(db, ticketId)).at(-1);
  const names = last?.actor_user_id ? await findUserNames(db, [last.actor_user_id]) : new Map();
  const changedBy: TicketChangedBy | null = last
    ? {
        name: last.actor_user_id === null ? null : (names.get(last.actor_user_id) ?? null),
        role: last.actor_role,
        eventType: last.type,
        at: last.created_at.toISOString(),
      }
    : null;
  return new DomainError(err.status, err.code, err.message, err.fields, {
    ...err.extra,
    currentState: ticket.state,
    currentVersion: ticket.version,
    ticket: toTicketDto(ticket, viewer),
    changedBy,
  });
}
