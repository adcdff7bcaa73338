import type { TicketState } from '../../workflows/ticket/ticket.types.ts';
import type { Sql } from '../client.ts';

/** A row of the append-only audit trail. */
export interface TicketEventRow {
  seq: number;
  ticket_id: number;
  type: string;
  version: number;
  actor_user_id: number | null;
  actor_role: string;
  channel: string | null;
  from_state: TicketState | null;
  to_state: TicketState;
  payload: Record<string, unknown>;
  created_at: Date;
}

// Any constant: it only has to be the same for every Komek process on one database.
const EVENT_LOG_LOCK_KEY = 7_109_110;

/**
 * Serialises writers of the event log until the transaction ends, so sequence numbers commit in
 * order: a wall display that saw seq N can then never miss a smaller seq committed later.
 */
export async function lockEventLog(db: Sql): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1)', [EVENT_LOG_LOCK_KEY]);
}

/** Appends events (in order, one statement) and returns them with their sequence numbers. */
export async function insertTicketEvents(
  db: Sql,
  events: readonly Omit<TicketEventRow, 'seq'>[],
): Promise<TicketEventRow[]> {
  if (events.length === 0) return [];
  const COLUMNS = 10;
  const placeholders = events.map(
    (_, i) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${i * COLUMNS + c + 1}`).join(', ')})`,
  );
  const params = events.flatMap((e) => [
    e.ticket_id,
    e.type,
    e.version,
    e.actor_user_id,
    e.actor_role,
    e.from_state,
    e.to_state,
    e.payload,
    e.created_at,
    e.channel,
  ]);
  const rows = await db.query<TicketEventRow>(
    `insert into ticket_events (ticket_id, type, version, actor_user_id, actor_role, from_state, to_state, payload,
       created_at, channel)
     values ${placeholders.join(', ')} returning *`,
    params,
  );
  return rows.sort((a, b) => a.seq - b.seq);
}

/** The events with these sequence numbers, oldest first (a change another process committed). */
export const listEventsBySeq = (db: Sql, seqs: readonly number[]) =>
  db.query<TicketEventRow>('select * from ticket_events where seq = any($1::int8[]) order by seq', [seqs]);

/** A ticket's whole history, oldest first. */
export const listTicketEvents = (db: Sql, ticketId: number) =>
  db.query<TicketEventRow>('select * from ticket_events where ticket_id = $1 order by seq', [ticketId]);

/**
 * Events after `sinceSeq`, oldest first, at most `limit`. With `agencyId`, as the live pushes to that
 * agency: the events of tickets it holds now, and each reassignment that took a ticket away from it
 * (the previous `ticket.assign` named it), so its console drops the ticket; nothing of that ticket after.
 */
export const listEventsSince = (db: Sql, sinceSeq: number, limit: number, agencyId: string | null = null) =>
  db.query<TicketEventRow>(
    `select e.* from ticket_events e
     where e.seq > $1
       and ($3::text is null
         or exists (select 1 from tickets t where t.id = e.ticket_id and t.agency_id = $3)
         or (e.type = 'ticket.assign'
           and (select p.payload->>'agencyId' from ticket_events p
                where p.ticket_id = e.ticket_id and p.type = 'ticket.assign' and p.seq < e.seq
                order by p.seq desc limit 1) = $3))
     order by e.seq
     limit $2`,
    [sinceSeq, limit, agencyId],
  );

/** The highest sequence number in the log (0 when empty). */
export async function lastEventSeq(db: Sql): Promise<number> {
  const rows = await db.query<{ seq: number }>(
    'select coalesce(max(seq), 0)::int8 as seq from ticket_events',
  );
  return rows[0]?.seq ?? 0;
}

/** The newest event of `type` on a ticket, or undefined. */
export async function lastEventOfType(
  db: Sql,
  ticketId: number,
  type: string,
): Promise<TicketEventRow | undefined> {
  const rows = await db.query<TicketEventRow>(
    'select * from ticket_events where ticket_id = $1 and type = $2 order by seq desc limit 1',
    [ticketId, type],
  );
  return rows[0];
}
