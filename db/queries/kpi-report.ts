import type { Sql } from '../client.ts';

/** The dimensions a KPI report can be broken down by ('all': one row for the whole city). */
export const KPI_GROUPS = ['all', 'agency', 'category', 'district', 'channel'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

/** One row of a KPI report: raw counts and durations in seconds, for appeals received in the period. */
export interface KpiReportRow {
  key: string | null;
  received: number;
  processed: number;
  first_contact: number;
  ack_met: number;
  ack_breached: number;
  resolve_met: number;
  resolve_breached: number;
  overdue_now: number;
  open_now: number;
  ever_assigned: number;
  misrouted: number;
  ever_resolved: number;
  reopened: number;
  accept_p50_s: number | null;
  accept_p90_s: number | null;
  resolve_p50_s: number | null;
  resolve_p90_s: number | null;
}

/**
 * The centre's figures for appeals received in [from, to), computed from the event log in one
 * statement: each ticket's first assignment, acknowledgement (accept or start), resolution,
 * rejections and reopenings come from its events; deadlines from the ticket (holds included).
 * Acknowledgement is on time when it came by the deadline the first assignment set (recorded in
 * that event, in the agency's working hours). Durations are seconds from registration.
 *
 * Only the log from `from` on is read: no event is older than its ticket (the creation event carries
 * the ticket's own time), and for a day's report that keeps the planner off the whole log.
 */
export async function kpiReport(
  db: Sql,
  from: Date,
  to: Date,
  now: Date,
  group: KpiGroup,
): Promise<KpiReportRow[]> {
  return db.query<KpiReportRow>(
    `with facts as (
       select t.id, t.state, t.resolve_due_at, t.registered_at,
         case $4::text when 'agency' then t.agency_id when 'category' then t.category_id
           when 'district' then t.district_id when 'channel' then t.channel else null end as key,
         (array_agg((e.payload->>'ackDueAt')::timestamptz order by e.seq)
           filter (where e.type = 'ticket.assign'))[1] as ack_due_at,
         min(e.created_at) filter (where e.type = 'ticket.assign') as assigned_at,
         min(e.created_at) filter (where e.type in ('ticket.accept', 'ticket.start')) as acknowledged_at,
         min(e.created_at) filter (where e.type = 'ticket.resolve') as resolved_at,
         count(*) filter (where e.type = 'ticket.reject') as rejects,
         count(*) filter (where e.type = 'ticket.reopen') as reopens
       from tickets t
       join ticket_events e on e.ticket_id = t.id and e.created_at >= $1
       where t.created_at >= $1 and t.created_at < $2
       group by t.id
     ),
     judged as (
       select f.*,
         state in ('closed', 'closed_first_contact', 'cancelled') as final,
         acknowledged_at is not null and acknowledged_at <= ack_due_at as ack_met,
         (acknowledged_at is null and $3 > ack_due_at) or acknowledged_at > ack_due_at as ack_breached,
         resolved_at is not null and resolved_at <= resolve_due_at as resolve_met,
         (resolved_at is not null and resolved_at > resolve_due_at)
           or (resolved_at is null and state not in ('closed', 'closed_first_contact', 'cancelled', 'on_hold')
               and resolve_due_at < $3) as resolve_breached
       from facts f
     )
     select key,
       count(*)::int as received,
       count(*) filter (where final)::int as processed,
       count(*) filter (where state = 'closed_first_contact')::int as first_contact,
       count(*) filter (where ack_met)::int as ack_met,
       count(*) filter (where ack_breached)::int as ack_breached,
       count(*) filter (where resolve_met)::int as resolve_met,
       count(*) filter (where resolve_breached)::int as resolve_breached,
       count(*) filter (where not final and state <> 'on_hold' and resolve_due_at < $3)::int as overdue_now,
       count(*) filter (where not final)::int as open_now,
       count(*) filter (where assigned_at is not null)::int as ever_assigned,
       count(*) filter (where rejects > 0)::int as misrouted,
       count(*) filter (where resolved_at is not null)::int as ever_resolved,
       count(*) filter (where reopens > 0)::int as reopened,
       percentile_cont(0.5) within group (order by extract(epoch from acknowledged_at - registered_at))::float8 as accept_p50_s,
       percentile_cont(0.9) within group (order by extract(epoch from acknowledged_at - registered_at))::float8 as accept_p90_s,
       percentile_cont(0.5) within group (order by extract(epoch from resolved_at - registered_at))::float8 as resolve_p50_s,
       percentile_cont(0.9) within group (order by extract(epoch from resolved_at - registered_at))::float8 as resolve_p90_s
     from judged
     group by key
     order by received desc, key`,
    [from, to, now, group],
  );
}
