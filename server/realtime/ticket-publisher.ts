import type { Sql } from '../../db/client.ts';
import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { findUserNames } from '../../db/queries/users.ts';
import { agencyRoom, WALL_ROOM } from '../auth/access.ts';
import type { TicketChange } from '../contracts/realtime.contract.ts';
import { toEventDto, toTicketDto } from '../tickets/ticket.mapper.ts';
import { departureNotice } from './departure-notice.ts';
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
 * The replay form of a change for a resync (`sync:since`) by agency staff of `agencyId` (null: staff
 * who see every ticket): a ticket the agency no longer holds is replayed as the departure notice it
 * got live, never as the ticket it has become since.
 */
export async function toReplayChange(
  db: Sql,
  ticket: TicketRecord,
  events: readonly TicketEventRow[],
  agencyId: string | null,
): Promise<TicketChange> {
  const change = await toTicketChange(db, ticket, events);
  return agencyId !== null && ticket.agencyId !== agencyId ? departureNotice(change) : change;
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

/**
 * Pushes a committed change; call only after the transaction commits. The wall and the holding
 * agency get all of it; an agency room that does not hold the ticket (the one it just left) gets
 * only the departure notice.
 */
export function publishTicketChange(
  realtime: Realtime,
  change: TicketChange,
  rooms: readonly string[],
): void {
  const holder = change.ticket.agencyId === null ? null : agencyRoom(change.ticket.agencyId);
  let notice: TicketChange | undefined;
  for (const room of rooms) {
    const full = room === WALL_ROOM || room === holder;
    realtime.toRoom(room).emit('ticket:changed', full ? change : (notice ??= departureNotice(change)));
  }
}
