import type { Sql } from '../client.ts';

/** What is on the centre's plate now, whenever it came in: the wall's backlog figures. */
export interface KpiBacklogRow {
  open_now: number;
  overdue_now: number;
  /** Tickets that reached closed or closed on first contact since `dayStart` (by their log). */
  closed_since: number;
}

/**
 * The backlog as of `now` over all tickets (the period report counts only those received in its
 * period), with the same definitions as `kpiReport`: final states are done; a ticket on hold or merged
 * into an incident is not overdue (its resolution clock stands still).
 */
export async function kpiBacklog(db: Sql, dayStart: Date, now: Date): Promise<KpiBacklogRow> {
  const rows = await db.query<KpiBacklogRow>(
    `select open.open_now, open.overdue_now,
       (select count(distinct ticket_id) from ticket_events
         where created_at >= $1 and to_state in ('closed', 'closed_first_contact')
           and from_state is distinct from to_state)::int as closed_since
     from (
       select count(*)::int as open_now,
         count(*) filter (where state not in ('on_hold', 'merged') and resolve_due_at < $2)::int as overdue_now
       from tickets where state not in ('closed', 'closed_first_contact', 'cancelled')
     ) open`,
    [dayStart, now],
  );
  return rows[0]!;
}

/** One agency's line on the wall's agency board. */
export interface AgencyBacklogRow {
  agency_id: string;
  open_now: number;
  /** Open, not paused, past the resolution deadline. */
  overdue_now: number;
  /** Waiting for the agency's acknowledgement past its deadline. */
  ack_overdue_now: number;
  oldest_open_at: Date | null;
  oldest_registration_number: string | null;
  oldest_ticket_id: number | null;
}

/**
 * Every agency's backlog as of `now`, with the same definitions as `kpiBacklog`: open and overdue
 * tickets, acknowledgements overdue, and the oldest open ticket (the one that has waited longest).
 */
export async function agencyBacklog(db: Sql, now: Date): Promise<AgencyBacklogRow[]> {
  return db.query<AgencyBacklogRow>(
    `with open_counts as (
       select agency_id,
         count(*)::int as open_now,
         count(*) filter (where state not in ('on_hold', 'merged') and resolve_due_at < $1)::int as overdue_now,
         count(*) filter (where state = 'assigned' and ack_due_at < $1)::int as ack_overdue_now
       from tickets
       where agency_id is not null and state not in ('closed', 'closed_first_contact', 'cancelled')
       group by agency_id
     )
     select c.*, oldest.registered_at as oldest_open_at,
       oldest.registration_number as oldest_registration_number, oldest.id as oldest_ticket_id
     from open_counts c
     cross join lateral (
       select id, registration_number, registered_at from tickets t
       where t.agency_id = c.agency_id and t.state not in ('closed', 'closed_first_contact', 'cancelled')
       order by registered_at, id limit 1
     ) oldest`,
    [now],
  );
}

/** How many appeals arrived in each hour since `dayStart` up to `now` (hour 0 first). */
export async function receivedByHour(db: Sql, dayStart: Date, now: Date): Promise<number[]> {
  const rows = await db.query<{ hour: number; n: number }>(
    `select floor(extract(epoch from created_at - $1::timestamptz) / 3600)::int as hour, count(*)::int as n
     from tickets where created_at >= $1 and created_at <= $2
     group by 1`,
    [dayStart, now],
  );
  const hours = Math.max(1, Math.ceil((now.getTime() - dayStart.getTime()) / 3_600_000));
  const counts = Array.from({ length: hours }, () => 0);
  for (const r of rows) if (r.hour >= 0 && r.hour < hours) counts[r.hour] = r.n;
  return counts;
}
