import { z } from 'zod';
import type { CategoryRow } from '../../db/queries/reference.ts';
import type {
  CalendarAdminRow,
  EscalationPolicyAdminRow,
  NameColumns,
  SlaPolicyRow,
} from '../../db/queries/sla-admin.ts';
import { EscalationLevelColumn, WeeklyHoursColumn } from '../../db/queries/sla.ts';
import type { LocalizedName } from '../contracts/common.contract.ts';
import type {
  AdminCalendar,
  AdminCategory,
  AdminEscalationPolicy,
  AdminSlaPolicy,
} from '../contracts/sla-admin.contract.ts';

const HolidaysColumn = z.array(z.object({ day: z.string(), name: z.string() }));
const IdsColumn = z.array(z.string());
const NumberIdsColumn = z.array(z.number().int());

/** ru/kk/en columns as one name object. */
export const namesOf = (row: NameColumns): LocalizedName => ({
  ru: row.name_ru,
  kk: row.name_kk,
  en: row.name_en,
});

/** One name object as ru/kk/en columns. */
export const nameColumns = (names: LocalizedName): NameColumns => ({
  name_ru: names.ru,
  name_kk: names.kk,
  name_en: names.en,
});

/** A calendar row in its wire form; the JSON columns are parsed, never trusted. */
export function toAdminCalendar(row: CalendarAdminRow): AdminCalendar {
  return {
    id: row.id,
    names: namesOf(row),
    weeklyHours: WeeklyHoursColumn.parse(row.weekly_hours),
    holidays: HolidaysColumn.parse(row.holidays),
    agencyIds: IdsColumn.parse(row.agency_ids),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A deadline policy row in its wire form. */
export function toAdminSlaPolicy(row: SlaPolicyRow): AdminSlaPolicy {
  return {
    id: row.id,
    categoryId: row.category_id,
    priority: row.priority,
    ackMinutes: row.ack_minutes,
    resolveMinutes: row.resolve_minutes,
    measure: row.measure,
    warnFraction: row.warn_fraction,
    escalationPolicyId: row.escalation_policy_id,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    supersededAt: row.superseded_at ? row.superseded_at.toISOString() : null,
  };
}

/** An escalation policy row in its wire form. */
export function toAdminEscalationPolicy(row: EscalationPolicyAdminRow): AdminEscalationPolicy {
  return {
    id: row.id,
    names: namesOf(row),
    levels: z.array(EscalationLevelColumn).parse(row.levels),
    slaPolicyIds: NumberIdsColumn.parse(row.sla_policy_ids),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A category row in its wire form. */
export function toAdminCategory(row: CategoryRow): AdminCategory {
  return {
    id: row.id,
    names: namesOf(row),
    defaultAgencyId: row.default_agency_id,
    routeToDistrictAkimat: row.route_to_district_akimat,
    priority: row.priority,
    shareWeight: row.share_weight,
    sortOrder: row.sort_order,
  };
}
