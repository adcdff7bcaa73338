import type { Sql } from '../../db/client.ts';
import type { AlertRecord } from '../../db/queries/alerts.ts';
import { findUserNames } from '../../db/queries/users.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import type { Alert } from '../contracts/alert.contract.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The wire form of an alert, with what a screen needs of its ticket; `names` maps user ids to names. */
export function toAlertDto(a: AlertRecord, ticket: TicketRecord, names: ReadonlyMap<number, string>): Alert {
  return {
    id: a.id,
    ticketId: a.ticketId,
    registrationNumber: ticket.registrationNumber,
    categoryId: ticket.categoryId,
    districtId: ticket.districtId,
    agencyId: ticket.agencyId,
    clock: a.clock,
    level: a.level,
    target: a.target,
    targetAgencyId: a.targetAgencyId,
    status: a.status,
    notifyCount: a.notifyCount,
    reason: a.reason,
    openedAt: a.openedAt.toISOString(),
    lastNotifiedAt: a.lastNotifiedAt.toISOString(),
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedByName: a.acknowledgedBy === null ? null : (names.get(a.acknowledgedBy) ?? null),
    resolvedAt: iso(a.resolvedAt),
    resolution: a.resolution,
  };
}

/** The names of the people who acknowledged `alerts`, for `toAlertDto`. */
export function acknowledgerNames(db: Sql, alerts: readonly AlertRecord[]): Promise<Map<number, string>> {
  return findUserNames(db, [
    ...new Set(alerts.flatMap((a) => (a.acknowledgedBy === null ? [] : [a.acknowledgedBy]))),
  ]);
}
