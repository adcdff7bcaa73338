import type { EscalationTarget } from '../../workflows/sla/escalation.ts';
import type { Sql } from '../client.ts';

/** Where an alert stands. */
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
/** Which deadline an alert is about; manual: a person escalated the ticket. */
export type AlertClock = 'ack' | 'resolve' | 'manual';

/** An alert as stored. */
export interface AlertRecord {
  id: number;
  ticketId: number;
  clock: AlertClock;
  level: number;
  target: EscalationTarget;
  targetAgencyId: string | null;
  status: AlertStatus;
  notifyCount: number;
  reason: string | null;
  openedAt: Date;
  lastNotifiedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: number | null;
  resolvedAt: Date | null;
  resolution: string | null;
}

interface AlertRow {
  id: number;
  ticket_id: number;
  clock: AlertClock;
  level: number;
  target: EscalationTarget;
  target_agency_id: string | null;
  status: AlertStatus;
  notify_count: number;
  reason: string | null;
  opened_at: Date;
  last_notified_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
  resolved_at: Date | null;
  resolution: string | null;
}

const toRecord = (r: AlertRow): AlertRecord => ({
  id: r.id,
  ticketId: r.ticket_id,
  clock: r.clock,
  level: r.level,
  target: r.target,
  targetAgencyId: r.target_agency_id,
  status: r.status,
  notifyCount: r.notify_count,
  reason: r.reason,
  openedAt: r.opened_at,
  lastNotifiedAt: r.last_notified_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: r.resolved_at,
  resolution: r.resolution,
});

/** A new alert. */
export interface NewAlert {
  ticketId: number;
  clock: AlertClock;
  level: number;
  target: EscalationTarget;
  targetAgencyId: string | null;
  reason: string | null;
  at: Date;
}

/**
 * Opens an alert, or returns undefined when one for the same ticket, clock and level is still live
 * (a timer that fires twice, or two processes, never raise it twice).
 */
export async function insertAlert(db: Sql, a: NewAlert): Promise<AlertRecord | undefined> {
  const rows = await db.query<AlertRow>(
    `insert into alerts (ticket_id, clock, level, target, target_agency_id, status, reason, opened_at,
       last_notified_at)
     values ($1, $2, $3, $4, $5, 'open', $6, $7, $7)
     on conflict (ticket_id, clock, level) where status <> 'resolved' do nothing
     returning *`,
    [a.ticketId, a.clock, a.level, a.target, a.targetAgencyId, a.reason, a.at],
  );
  return rows[0] && toRecord(rows[0]);
}

/** One alert, or undefined. */
export async function findAlert(db: Sql, id: number): Promise<AlertRecord | undefined> {
  const rows = await db.query<AlertRow>('select * from alerts where id = $1', [id]);
  return rows[0] && toRecord(rows[0]);
}

/** Alerts by id, in no particular order. */
export async function findAlertsByIds(db: Sql, ids: readonly number[]): Promise<AlertRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<AlertRow>('select * from alerts where id = any($1::int[])', [ids]);
  return rows.map(toRecord);
}

/** A ticket's alerts that are open or acknowledged. */
export async function listLiveTicketAlerts(db: Sql, ticketId: number): Promise<AlertRecord[]> {
  const rows = await db.query<AlertRow>(
    "select * from alerts where ticket_id = $1 and status <> 'resolved' order by id",
    [ticketId],
  );
  return rows.map(toRecord);
}

/** Filters for `listAlerts`. */
export interface AlertFilter {
  statuses: readonly AlertStatus[] | null;
  ticketId: number | null;
  /** Only alerts about tickets of this agency (agency staff). */
  agencyId: string | null;
  limit: number;
}

/** Alerts newest first; null filters are off. */
export async function listAlerts(db: Sql, f: AlertFilter): Promise<AlertRecord[]> {
  const rows = await db.query<AlertRow>(
    `select a.* from alerts a
     where ($1::text[] is null or a.status = any($1::text[]))
       and ($2::int is null or a.ticket_id = $2)
       and ($3::text is null or a.target_agency_id = $3
            or exists (select 1 from tickets t where t.id = a.ticket_id and t.agency_id = $3))
     order by a.opened_at desc, a.id desc
     limit $4`,
    [f.statuses, f.ticketId, f.agencyId, f.limit],
  );
  return rows.map(toRecord);
}

/** Records another notice of a live alert (a repeat or a re-trigger), setting its status. */
export async function renotifyAlert(
  db: Sql,
  id: number,
  status: 'open' | 'acknowledged',
  at: Date,
): Promise<AlertRecord> {
  const rows = await db.query<AlertRow>(
    `update alerts set notify_count = notify_count + 1, last_notified_at = $3, status = $2,
       acknowledged_at = case when $2 = 'open' then null else acknowledged_at end,
       acknowledged_by = case when $2 = 'open' then null else acknowledged_by end
     where id = $1 returning *`,
    [id, status, at],
  );
  return toRecord(rows[0]!);
}

/** Marks a live alert acknowledged by `userId`. */
export async function acknowledgeAlertRow(
  db: Sql,
  id: number,
  userId: number,
  at: Date,
): Promise<AlertRecord> {
  const rows = await db.query<AlertRow>(
    `update alerts set status = 'acknowledged', acknowledged_at = $3, acknowledged_by = $2
     where id = $1 returning *`,
    [id, userId, at],
  );
  return toRecord(rows[0]!);
}

/** Resolves a live alert, saying why. */
export async function resolveAlertRow(
  db: Sql,
  id: number,
  resolution: string,
  at: Date,
): Promise<AlertRecord> {
  const rows = await db.query<AlertRow>(
    `update alerts set status = 'resolved', resolved_at = $3, resolution = $2 where id = $1 returning *`,
    [id, resolution, at],
  );
  return toRecord(rows[0]!);
}

/** Appends to an alert's own append-only history. */
export async function insertAlertEvent(
  db: Sql,
  e: {
    alertId: number;
    type: string;
    actorUserId: number | null;
    at: Date;
    payload?: Record<string, unknown>;
  },
): Promise<void> {
  await db.query(
    'insert into alert_events (alert_id, type, actor_user_id, at, payload) values ($1, $2, $3, $4, $5)',
    [e.alertId, e.type, e.actorUserId, e.at, e.payload ?? {}],
  );
}

/** An alert's history, oldest first. */
export async function listAlertEvents(
  db: Sql,
  alertId: number,
): Promise<{ type: string; actor_user_id: number | null; at: Date; payload: Record<string, unknown> }[]> {
  return db.query(
    'select type, actor_user_id, at, payload from alert_events where alert_id = $1 order by seq',
    [alertId],
  );
}
