import type { Sql } from '../client.ts';

/** One day of the trend: appeals that came in, and appeals whose work was done. */
export interface KpiDailyRow {
  /** 1-based index into the day starts the query was given. */
  day: number;
  received: number;
  resolved: number;
}

/**
 * Appeals received and resolved on each day of a period, in one statement. `dayStarts` are the
 * instants each day begins (the city's midnights, computed by the caller so daylight saving and the
 * city's zone stay out of SQL); the last day ends at `to`. Received: tickets created that day (as in
 * `kpiReport`). Resolved: distinct tickets an agency resolved or an operator closed on the call
 * that day, whenever they came in; a ticket resolved again after a reopening counts on both days.
 * Days with neither are left out.
 */
export async function kpiDaily(db: Sql, dayStarts: readonly Date[], to: Date): Promise<KpiDailyRow[]> {
  if (dayStarts.length === 0) return [];
  return db.query<KpiDailyRow>(
    `with happened as (
       select 'received' as kind, t.id as ticket_id, t.created_at as at
       from tickets t
       where t.created_at >= $2 and t.created_at < $3
       union all
       select 'resolved', e.ticket_id, e.created_at
       from ticket_events e
       where e.created_at >= $2 and e.created_at < $3
         and e.to_state in ('resolved', 'closed_first_contact')
         and e.from_state is distinct from e.to_state
     ),
     per_day as (
       select width_bucket(at, $1::timestamptz[]) as day, kind, count(distinct ticket_id)::int as n
       from happened
       group by 1, 2
     )
     select day::int,
       coalesce(sum(n) filter (where kind = 'received'), 0)::int as received,
       coalesce(sum(n) filter (where kind = 'resolved'), 0)::int as resolved
     from per_day
     group by day
     order by day`,
    [dayStarts.map((d) => d.toISOString()), dayStarts[0], to],
  );
}
