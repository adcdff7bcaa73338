import type { Sql } from '../client.ts';

/** Raw counts behind the wallboard's headline figures. */
export interface KpiCounts {
  received_today: number;
  first_contact_today: number;
  open: number;
  overdue: number;
  closed_today: number;
}

/**
 * Counts since the start of the city's day and as of `now`, in one pass over the tickets. A ticket
 * on hold is not overdue: its resolution clock is paused.
 */
export async function countKpis(db: Sql, dayStart: Date, now: Date): Promise<KpiCounts> {
  const rows = await db.query<KpiCounts>(
    `select
       count(*) filter (where created_at >= $1)::int as received_today,
       count(*) filter (where created_at >= $1 and state = 'closed_first_contact')::int as first_contact_today,
       count(*) filter (where state not in ('closed', 'closed_first_contact', 'cancelled'))::int as open,
       count(*) filter (where state not in ('closed', 'closed_first_contact', 'cancelled', 'on_hold') and resolve_due_at < $2)::int as overdue,
       count(*) filter (where closed_at >= $1 and state in ('closed', 'closed_first_contact'))::int as closed_today
     from tickets`,
    [dayStart, now],
  );
  return rows[0]!;
}
