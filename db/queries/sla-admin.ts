import type { Sql } from '../client.ts';
import type { CategoryRow } from './reference.ts';

/**
 * What administrators change at run time: business calendars, deadline policies, escalation policies
 * and categories. Tickets keep a copy of the terms they were registered under (tickets.sla), so none
 * of these statements touches a ticket.
 */

/** Names in the three languages, as the columns hold them. */
export interface NameColumns {
  name_ru: string;
  name_kk: string;
  name_en: string;
}

/** A calendar with its holidays and the agencies that work by it (JSON columns: parse them). */
export interface CalendarAdminRow extends NameColumns {
  id: string;
  weekly_hours: unknown;
  holidays: unknown;
  agency_ids: unknown;
  updated_at: Date;
}

const CALENDARS = `
  select c.id, c.name_ru, c.name_kk, c.name_en, c.weekly_hours, c.updated_at,
         coalesce((select jsonb_agg(jsonb_build_object('day', to_char(h.day, 'YYYY-MM-DD'), 'name', h.name)
                                    order by h.day)
                   from calendar_holidays h where h.calendar_id = c.id), '[]'::jsonb) as holidays,
         coalesce((select jsonb_agg(a.id order by a.id) from agencies a where a.calendar_id = c.id),
                  '[]'::jsonb) as agency_ids
  from business_calendars c`;

/** Every business calendar, by id. */
export const listCalendarsWithUse = (db: Sql) => db.query<CalendarAdminRow>(`${CALENDARS} order by c.id`);

/** One business calendar, or undefined. */
export async function findCalendarWithUse(db: Sql, id: string): Promise<CalendarAdminRow | undefined> {
  return (await db.query<CalendarAdminRow>(`${CALENDARS} where c.id = $1`, [id]))[0];
}

/** Creates or replaces a calendar's names and hours; `created` tells which. weeklyHours null: round the clock. */
export async function upsertCalendar(
  db: Sql,
  calendar: NameColumns & { id: string; weekly_hours: unknown; updated_at: Date },
): Promise<{ created: boolean }> {
  const rows = await db.query<{ created: boolean }>(
    `insert into business_calendars (id, name_ru, name_kk, name_en, weekly_hours, updated_at)
     values ($1, $2, $3, $4, $5::text::jsonb, $6)
     on conflict (id) do update set name_ru = excluded.name_ru, name_kk = excluded.name_kk,
       name_en = excluded.name_en, weekly_hours = excluded.weekly_hours, updated_at = excluded.updated_at
     returning (xmax = 0) as created`,
    [
      calendar.id,
      calendar.name_ru,
      calendar.name_kk,
      calendar.name_en,
      // SQL null for round the clock, never the JSON value null.
      calendar.weekly_hours === null ? null : JSON.stringify(calendar.weekly_hours),
      calendar.updated_at,
    ],
  );
  return rows[0]!;
}

/** Removes every holiday of a calendar (before the new list is inserted). */
export async function deleteCalendarHolidays(db: Sql, calendarId: string): Promise<void> {
  await db.query('delete from calendar_holidays where calendar_id = $1', [calendarId]);
}

/** Adds holidays to a calendar; each day at most once. */
export async function insertCalendarHolidays(
  db: Sql,
  calendarId: string,
  holidays: readonly { day: string; name: string }[],
): Promise<void> {
  if (holidays.length === 0) return;
  // One JSON text parameter binds identically on both drivers (see scheduleTimers).
  await db.query(
    `insert into calendar_holidays (calendar_id, day, name)
     select $1, h.day, h.name from jsonb_to_recordset($2::text::jsonb) as h(day date, name text)`,
    [calendarId, JSON.stringify(holidays)],
  );
}

/** Deletes a calendar no agency uses (its holidays go with it); false when none was deleted. */
export async function deleteUnusedCalendar(db: Sql, id: string): Promise<boolean> {
  const rows = await db.query(
    `delete from business_calendars c
     where c.id = $1 and not exists (select 1 from agencies a where a.calendar_id = c.id)
     returning c.id`,
    [id],
  );
  return rows.length > 0;
}

/** Makes an agency work by another calendar; undefined when there is no such agency. */
export async function setAgencyCalendar(
  db: Sql,
  agencyId: string,
  calendarId: string,
): Promise<{ id: string; calendar_id: string } | undefined> {
  const rows = await db.query<{ id: string; calendar_id: string }>(
    'update agencies set calendar_id = $2 where id = $1 returning id, calendar_id',
    [agencyId, calendarId],
  );
  return rows[0];
}

/** A deadline policy row as stored. */
export interface SlaPolicyRow {
  id: number;
  category_id: string | null;
  priority: 'emergency' | 'high' | 'normal' | 'low' | null;
  ack_minutes: number;
  resolve_minutes: number;
  measure: 'elapsed' | 'business';
  warn_fraction: number;
  escalation_policy_id: string | null;
  created_at: Date;
  created_by: number | null;
  superseded_at: Date | null;
}

/** Deadline policies, broadest first then by category and priority; superseded rows only when asked. */
export const listSlaPolicies = (db: Sql, includeSuperseded: boolean) =>
  db.query<SlaPolicyRow>(
    `select * from sla_policies where $1 or superseded_at is null
     order by category_id nulls first,
              array_position(array['emergency', 'high', 'normal', 'low'], priority) nulls first, id`,
    [includeSuperseded],
  );

/** One deadline policy row, current or not. */
export async function findSlaPolicy(db: Sql, id: number): Promise<SlaPolicyRow | undefined> {
  return (await db.query<SlaPolicyRow>('select * from sla_policies where id = $1', [id]))[0];
}

/** Marks the current policy of (category, priority) superseded at `at`; null matches null. */
export async function supersedeCurrentSlaPolicy(
  db: Sql,
  key: { category_id: string | null; priority: string | null },
  at: Date,
): Promise<void> {
  await db.query(
    `update sla_policies set superseded_at = $3
     where category_id is not distinct from $1 and priority is not distinct from $2 and superseded_at is null`,
    [key.category_id, key.priority, at],
  );
}

/** Inserts a current deadline policy (the previous one for its key must be superseded first). */
export async function insertSlaPolicy(
  db: Sql,
  policy: Omit<SlaPolicyRow, 'id' | 'superseded_at'>,
): Promise<SlaPolicyRow> {
  const rows = await db.query<SlaPolicyRow>(
    `insert into sla_policies (category_id, priority, ack_minutes, resolve_minutes, measure, warn_fraction,
                               escalation_policy_id, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
    [
      policy.category_id,
      policy.priority,
      policy.ack_minutes,
      policy.resolve_minutes,
      policy.measure,
      policy.warn_fraction,
      policy.escalation_policy_id,
      policy.created_at,
      policy.created_by,
    ],
  );
  return rows[0]!;
}

/** Supersedes one current policy at `at`; undefined when it is missing or already superseded. */
export async function supersedeSlaPolicy(db: Sql, id: number, at: Date): Promise<SlaPolicyRow | undefined> {
  const rows = await db.query<SlaPolicyRow>(
    'update sla_policies set superseded_at = $2 where id = $1 and superseded_at is null returning *',
    [id, at],
  );
  return rows[0];
}

/** An escalation policy with the ids of the current deadline policies using it (JSON columns: parse them). */
export interface EscalationPolicyAdminRow extends NameColumns {
  id: string;
  levels: unknown;
  sla_policy_ids: unknown;
  updated_at: Date;
}

const ESCALATION_POLICIES = `
  select e.id, e.name_ru, e.name_kk, e.name_en, e.levels, e.updated_at,
         coalesce((select jsonb_agg(p.id order by p.id) from sla_policies p
                   where p.escalation_policy_id = e.id and p.superseded_at is null), '[]'::jsonb) as sla_policy_ids
  from escalation_policies e`;

/** Every escalation policy, by id. */
export const listEscalationPolicies = (db: Sql) =>
  db.query<EscalationPolicyAdminRow>(`${ESCALATION_POLICIES} order by e.id`);

/** One escalation policy, or undefined. */
export async function findEscalationPolicy(
  db: Sql,
  id: string,
): Promise<EscalationPolicyAdminRow | undefined> {
  return (await db.query<EscalationPolicyAdminRow>(`${ESCALATION_POLICIES} where e.id = $1`, [id]))[0];
}

/** Creates or replaces an escalation policy; `created` tells which. */
export async function upsertEscalationPolicy(
  db: Sql,
  policy: NameColumns & { id: string; levels: unknown; updated_at: Date },
): Promise<{ created: boolean }> {
  const rows = await db.query<{ created: boolean }>(
    `insert into escalation_policies (id, name_ru, name_kk, name_en, levels, updated_at)
     values ($1, $2, $3, $4, $5::text::jsonb, $6)
     on conflict (id) do update set name_ru = excluded.name_ru, name_kk = excluded.name_kk,
       name_en = excluded.name_en, levels = excluded.levels, updated_at = excluded.updated_at
     returning (xmax = 0) as created`,
    [
      policy.id,
      policy.name_ru,
      policy.name_kk,
      policy.name_en,
      JSON.stringify(policy.levels),
      policy.updated_at,
    ],
  );
  return rows[0]!;
}

/** Creates or updates a category; `created` tells which. */
export async function upsertCategory(
  db: Sql,
  category: CategoryRow,
): Promise<CategoryRow & { created: boolean }> {
  const rows = await db.query<CategoryRow & { created: boolean }>(
    `insert into categories (id, name_ru, name_kk, name_en, default_agency_id, route_to_district_akimat,
                             priority, share_weight, sort_order)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (id) do update set name_ru = excluded.name_ru, name_kk = excluded.name_kk,
       name_en = excluded.name_en, default_agency_id = excluded.default_agency_id,
       route_to_district_akimat = excluded.route_to_district_akimat, priority = excluded.priority,
       share_weight = excluded.share_weight, sort_order = excluded.sort_order
     returning *, (xmax = 0) as created`,
    [
      category.id,
      category.name_ru,
      category.name_kk,
      category.name_en,
      category.default_agency_id,
      category.route_to_district_akimat,
      category.priority,
      category.share_weight,
      category.sort_order,
    ],
  );
  return rows[0]!;
}
