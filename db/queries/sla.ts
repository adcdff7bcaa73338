import { z } from 'zod';
import type { BusinessCalendar } from '../../workflows/sla/business-calendar.ts';
import {
  ESCALATION_CONDITIONS,
  ESCALATION_TARGETS,
  ESCALATION_TRIGGERS,
  type EscalationLevel,
} from '../../workflows/sla/escalation.ts';
import type { SlaClock } from '../../workflows/sla/sla-clock.ts';
import { PRIORITIES, type Priority, type SlaTerms, type TicketSla } from '../../workflows/sla/ticket-sla.ts';
import type { Sql } from '../client.ts';

const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const HourMinute = z.string().regex(HOUR_MINUTE, "must be a time 'HH:MM'");
const Day = z
  .array(z.tuple([HourMinute, HourMinute]))
  .max(6)
  .optional();

/** Opening hours per weekday as stored in business_calendars.weekly_hours; null: round the clock. */
export const WeeklyHoursColumn = z
  .object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day })
  .strict()
  .nullable();

/** Escalation levels as stored in escalation_policies.levels (and copied into tickets). */
export const EscalationLevelColumn = z.object({
  condition: z.enum(ESCALATION_CONDITIONS),
  trigger: z.enum(ESCALATION_TRIGGERS),
  delayMinutes: z.number().int().min(0),
  target: z.enum(ESCALATION_TARGETS),
  repeatCount: z.number().int().min(0),
  repeatIntervalMinutes: z.number().int().positive(),
  ackTimeoutMinutes: z.number().int().positive(),
}) satisfies z.ZodType<EscalationLevel>;

interface CalendarRow {
  id: string;
  weekly_hours: unknown;
  holidays: unknown;
}

/**
 * The calendar of `agencyId` (or the calendar `calendarId` when no agency is given), with the holidays
 * from `from` on, in the city's zone: the copy a ticket keeps.
 */
export async function findCalendar(
  db: Sql,
  by: { agencyId: string } | { calendarId: string },
  timeZone: string,
  from: Date,
): Promise<BusinessCalendar | undefined> {
  const rows = await db.query<CalendarRow>(
    `select c.id, c.weekly_hours,
            coalesce(jsonb_agg(to_char(h.day, 'YYYY-MM-DD') order by h.day)
                     filter (where h.day is not null), '[]'::jsonb) as holidays
     from business_calendars c
     left join calendar_holidays h on h.calendar_id = c.id and h.day >= ($3::timestamptz - interval '1 day')::date
     where c.id = coalesce($2, (select calendar_id from agencies where id = $1))
     group by c.id`,
    ['agencyId' in by ? by.agencyId : null, 'calendarId' in by ? by.calendarId : null, from],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    timeZone,
    weeklyHours: WeeklyHoursColumn.parse(row.weekly_hours),
    holidays: z.array(z.string()).parse(row.holidays),
  };
}

// The most specific policy first: (category, priority), (any, priority), (category, any), (any, any).
const POLICY_ORDER = `order by (p.category_id is not null and p.priority is not null) desc,
  (p.priority is not null) desc, (p.category_id is not null) desc`;

/** Each category's current deadlines at its usual priority (the reference data consoles show). */
export async function listCategoryDeadlines(db: Sql): Promise<
  {
    category_id: string;
    ack_minutes: number;
    resolve_minutes: number;
    measure: 'elapsed' | 'business';
    warn_fraction: number;
  }[]
> {
  return db.query(
    `select c.id as category_id, p.ack_minutes, p.resolve_minutes, p.measure, p.warn_fraction
     from categories c cross join lateral (
       select * from sla_policies p
       where p.superseded_at is null
         and (p.category_id = c.id or p.category_id is null)
         and (p.priority = c.priority or p.priority is null)
       ${POLICY_ORDER}
       limit 1) p`,
  );
}

interface PolicyRow {
  id: number;
  priority: Priority | null;
  ack_minutes: number;
  resolve_minutes: number;
  measure: 'elapsed' | 'business';
  warn_fraction: number;
  escalation_policy_id: string | null;
  levels: unknown;
}

const MINUTE_MS = 60_000;

/**
 * The terms for a new ticket: the most specific current policy for (category, priority), then
 * (any category, priority), then the default; undefined only if an administrator removed them all.
 */
export async function findSlaTerms(
  db: Sql,
  categoryId: string,
  priority: Priority,
): Promise<SlaTerms | undefined> {
  const rows = await db.query<PolicyRow>(
    `select p.id, p.priority, p.ack_minutes, p.resolve_minutes, p.measure, p.warn_fraction,
            p.escalation_policy_id, e.levels
     from sla_policies p left join escalation_policies e on e.id = p.escalation_policy_id
     where p.superseded_at is null
       and (p.category_id = $1 or p.category_id is null)
       and (p.priority = $2 or p.priority is null)
     ${POLICY_ORDER}
     limit 1`,
    [categoryId, priority],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    policyId: row.id,
    priority,
    ackBudgetMs: row.ack_minutes * MINUTE_MS,
    resolveBudgetMs: row.resolve_minutes * MINUTE_MS,
    measure: row.measure,
    warnFraction: row.warn_fraction,
    escalationPolicyId: row.escalation_policy_id,
    escalation: row.levels === null ? [] : z.array(EscalationLevelColumn).parse(row.levels),
  };
}

const CalendarColumn = z.object({
  id: z.string(),
  timeZone: z.string(),
  weeklyHours: WeeklyHoursColumn,
  holidays: z.array(z.string()),
}) satisfies z.ZodType<BusinessCalendar>;

const SlaClockColumn = z.object({
  budgetMs: z.number(),
  warnFraction: z.number(),
  calendar: CalendarColumn,
  cycles: z.array(
    z.object({ startedAt: z.string(), stoppedAt: z.string().nullable(), consumedMs: z.number().nullable() }),
  ),
  outcome: z.enum(['met', 'breached']).nullable(),
}) satisfies z.ZodType<SlaClock>;

/** The tickets.sla column: parsed on the way out, like every JSON the database hands back. */
export const TicketSlaColumn = z.object({
  terms: z.object({
    policyId: z.number().int().nullable(),
    priority: z.enum(PRIORITIES),
    ackBudgetMs: z.number(),
    resolveBudgetMs: z.number(),
    measure: z.enum(['elapsed', 'business']),
    warnFraction: z.number(),
    escalationPolicyId: z.string().nullable(),
    escalation: z.array(EscalationLevelColumn),
  }),
  ack: SlaClockColumn.nullable(),
  resolve: SlaClockColumn.nullable(),
}) satisfies z.ZodType<TicketSla>;
