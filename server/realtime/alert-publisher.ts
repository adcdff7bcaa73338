import type { Sql } from '../../db/client.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { agencyRoom, WALL_ROOM } from '../auth/access.ts';
import { acknowledgerNames, toAlertDto } from '../escalation/alert.mapper.ts';
import type { AlertChange } from '../escalation/escalation-engine.ts';
import type { Realtime } from './realtime.ts';

/**
 * Rooms an alert change goes to: the wall (supervisors and displays see every alert), the agency
 * holding the ticket, and the agency the level told. A district akimat is told as the district's
 * overseer, whoever holds the ticket. A level aimed at the holder (`agency`, `agency_head`) named the
 * agency holding it when it fired: once the ticket has moved on, that agency hears only that the
 * alert closed, never its repeats about a ticket that is no longer its own.
 */
export function roomsForAlert(ticket: Pick<TicketRecord, 'agencyId'>, change: AlertChange): string[] {
  const { alert } = change;
  const rooms = new Set([WALL_ROOM]);
  if (ticket.agencyId) rooms.add(agencyRoom(ticket.agencyId));
  if (alert.targetAgencyId && (alert.target === 'district_akimat' || closes(change)))
    rooms.add(agencyRoom(alert.targetAgencyId));
  return [...rooms];
}

const closes = (change: AlertChange) => change.kind === 'updated' && change.alert.status === 'resolved';

/** Pushes committed alert changes to the rooms `roomsForAlert` names; call only after the commit. */
export async function publishAlertChanges(
  db: Sql,
  realtime: Realtime,
  ticket: TicketRecord,
  changes: readonly AlertChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const names = await acknowledgerNames(
    db,
    changes.map((c) => c.alert),
  );
  for (const change of changes) {
    const dto = toAlertDto(change.alert, ticket, names);
    const event = change.kind === 'raised' ? 'alert:raised' : 'alert:updated';
    for (const room of roomsForAlert(ticket, change)) realtime.toRoom(room).emit(event, dto);
  }
}
