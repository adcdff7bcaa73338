import type { Sql } from '../../db/client.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { agencyRoom, WALL_ROOM } from '../auth/access.ts';
import { acknowledgerNames, toAlertDto } from '../escalation/alert.mapper.ts';
import type { AlertChange } from '../escalation/escalation-engine.ts';
import type { Realtime } from './realtime.ts';

/**
 * Pushes committed alert changes: to the wall (supervisors and displays see every alert), to the
 * agency holding the ticket, and to the agency the level told (a district akimat, say).
 */
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
  for (const { kind, alert } of changes) {
    const rooms = new Set([WALL_ROOM]);
    if (ticket.agencyId) rooms.add(agencyRoom(ticket.agencyId));
    if (alert.targetAgencyId) rooms.add(agencyRoom(alert.targetAgencyId));
    const dto = toAlertDto(alert, ticket, names);
    for (const room of rooms)
      realtime.toRoom(room).emit(kind === 'raised' ? 'alert:raised' : 'alert:updated', dto);
  }
}
