import type { Sql } from '../../db/client.ts';
import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { findUserNames } from '../../db/queries/users.ts';
import { agencyRoom, WALL_ROOM } from '../auth/access.ts';
import type { TicketChange } from '../contracts/realtime.contract.ts';
import { toEventDto, toTicketDto } from '../tickets/ticket.mapper.ts';
import type { Realtime } from './realtime.ts';

/** Builds the broadcast form of a committed change (no personal data, no per-viewer buttons). */
export async function toTicketChange(
  db: Sql,
  ticket: TicketRecord,
  events: readonly TicketEventRow[],
): Promise<TicketChange> {
  const ids = [...new Set(events.map((e) => e.actor_user_id).filter((id): id is number => id !== null))];
  const names = await findUserNames(db, ids);
  return {
    seq: Math.max(...events.map((e) => e.seq)),
    events: events.map((e) => toEventDto(e, names)),
    ticket: toTicketDto(ticket, null),
  };
}

/**
 * Rooms a change goes to: the wall, the agency that holds the ticket, and any agency it just left
 * (so that agency's console drops it).
 */
export function roomsForChange(ticket: TicketRecord, previousAgencyId: string | null): string[] {
  const rooms = new Set([WALL_ROOM]);
  if (ticket.agencyId) rooms.add(agencyRoom(ticket.agencyId));
  if (previousAgencyId) rooms.add(agencyRoom(previousAgencyId));
  return [...rooms];
}

/** Pushes a committed change; call only after the transaction commits. */
export function publishTicketChange(
  realtime: Realtime,
  change: TicketChange,
  rooms: readonly string[],
): void {
  for (const room of rooms) realtime.toRoom(room).emit('ticket:changed', change);
}
