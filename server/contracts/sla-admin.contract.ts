import { z } from 'zod';
import { EscalationLevelColumn, WeeklyHoursColumn } from '../../db/queries/sla.ts';
import { hasNoNul, IsoTime, LocalizedName, NO_NUL_MESSAGE, Slug } from './common.contract.ts';
import { Priority } from './reference.contract.ts';

/** Calendar and escalation policy ids, as the tables' check constraints allow them. */
const DataId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be 2-64 characters: a-z, 0-9 and -, not starting with -');

const MAX_MINUTES = 525_600; // one year
const Minutes = (min: number) =>
  z
    .number()
    .int('must be a whole number of minutes')
    .min(min, `must be ≥ ${min}`)
    .max(MAX_MINUTES, `must be ≤ ${MAX_MINUTES} (a year)`);

const Name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine(hasNoNul, NO_NUL_MESSAGE);

/** A name in ru, kk and en, each required. */
export const NamesInput = z.object({ ru: Name, kk: Name, en: Name }).strict();

/** `:id` of /api/admin/calendars/:id and /api/admin/escalation-policies/:id. */
export const DataIdParams = z.object({ id: DataId });
/** `:id` of /api/admin/agencies/:id/calendar and /api/admin/categories/:id. */
export const SlugParams = z.object({ id: Slug });
/** `:id` of /api/admin/sla-policies/:id. */
export const SlaPolicyParams = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(2_147_483_647, 'is too large'),
});

/** A holiday: a local date closed all day. calendarProblems judges whether `day` is a real date. */
const HolidayInput = z
  .object({ day: z.string().max(10, "must be a date 'YYYY-MM-DD'"), name: Name })
  .strict();

/** PUT /api/admin/calendars/:id: the whole calendar; holidays replace the stored ones. */
export const PutCalendar = z
  .object({
    names: NamesInput,
    /** null: round the clock (holidays then do not apply). */
    weeklyHours: WeeklyHoursColumn,
    holidays: z.array(HolidayInput).max(1000, 'at most 1000 holidays'),
  })
  .strict();
export type PutCalendar = z.infer<typeof PutCalendar>;

/** A business calendar as administrators see it, with the agencies that work by it. */
export const AdminCalendar = z.object({
  id: z.string(),
  names: LocalizedName,
  weeklyHours: WeeklyHoursColumn,
  holidays: z.array(z.object({ day: z.string(), name: z.string() })),
  agencyIds: z.array(z.string()),
  updatedAt: IsoTime,
});
export type AdminCalendar = z.infer<typeof AdminCalendar>;

/** PUT /api/admin/agencies/:id/calendar. */
export const PutAgencyCalendar = z.object({ calendarId: DataId }).strict();
export type PutAgencyCalendar = z.infer<typeof PutAgencyCalendar>;

/** The answer: which calendar the agency now works by. */
export const AgencyCalendar = z.object({ agencyId: z.string(), calendarId: z.string() });
export type AgencyCalendar = z.infer<typeof AgencyCalendar>;

const Measure = z.enum(['elapsed', 'business']);

/**
 * POST /api/admin/sla-policies: new terms for (category, priority); null means any. Both are required
 * so that leaving one out never silently replaces a broader policy.
 */
export const CreateSlaPolicy = z
  .object({
    categoryId: Slug.nullable(),
    priority: Priority.nullable(),
    ackMinutes: Minutes(1),
    resolveMinutes: Minutes(1),
    measure: Measure,
    warnFraction: z.number().gt(0, 'must be > 0').lt(1, 'must be < 1'),
    escalationPolicyId: DataId.nullable(),
  })
  .strict()
  .refine((p) => p.resolveMinutes >= p.ackMinutes, {
    message: 'must be ≥ ackMinutes',
    path: ['resolveMinutes'],
  });
export type CreateSlaPolicy = z.infer<typeof CreateSlaPolicy>;

/** GET /api/admin/sla-policies query: `history=true` includes superseded rows. */
export const SlaPolicyListQuery = z
  .object({
    history: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();
export type SlaPolicyListQuery = z.infer<typeof SlaPolicyListQuery>;

/** A deadline policy row; supersededAt is set once a newer row replaced it or it was removed. */
export const AdminSlaPolicy = z.object({
  id: z.number().int(),
  categoryId: z.string().nullable(),
  priority: Priority.nullable(),
  ackMinutes: z.number().int(),
  resolveMinutes: z.number().int(),
  measure: Measure,
  warnFraction: z.number(),
  escalationPolicyId: z.string().nullable(),
  createdAt: IsoTime,
  createdBy: z.number().int().nullable(),
  supersededAt: IsoTime.nullable(),
});
export type AdminSlaPolicy = z.infer<typeof AdminSlaPolicy>;

/** One escalation level as an administrator sends it: the stored shape, with upper bounds. */
export const EscalationLevelInput = EscalationLevelColumn.extend({
  delayMinutes: Minutes(0),
  repeatCount: z.number().int('must be a whole number').min(0, 'must be ≥ 0').max(10, 'must be ≤ 10'),
  repeatIntervalMinutes: Minutes(1),
  ackTimeoutMinutes: Minutes(1),
}).strict();

/** PUT /api/admin/escalation-policies/:id: the whole policy. */
export const PutEscalationPolicy = z
  .object({
    names: NamesInput,
    levels: z
      .array(EscalationLevelInput)
      .min(1, 'must have at least 1 level')
      .max(12, 'must have at most 12 levels'),
  })
  .strict();
export type PutEscalationPolicy = z.infer<typeof PutEscalationPolicy>;

/** An escalation policy with the current deadline policies that use it. */
export const AdminEscalationPolicy = z.object({
  id: z.string(),
  names: LocalizedName,
  levels: z.array(EscalationLevelColumn),
  slaPolicyIds: z.array(z.number().int()),
  updatedAt: IsoTime,
});
export type AdminEscalationPolicy = z.infer<typeof AdminEscalationPolicy>;

/** PUT /api/admin/categories/:id: a category needs a default agency or routing to the district akimat. */
export const PutCategory = z
  .object({
    names: NamesInput,
    defaultAgencyId: Slug.nullable(),
    routeToDistrictAkimat: z.boolean(),
    priority: Priority,
    shareWeight: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be ≥ 0')
      .max(1_000_000, 'is too large'),
    sortOrder: z
      .number()
      .int('must be a whole number')
      .min(-1_000_000, 'is too small')
      .max(1_000_000, 'is too large'),
  })
  .strict()
  .refine((c) => c.defaultAgencyId !== null || c.routeToDistrictAkimat, {
    message: 'is required unless routeToDistrictAkimat is true',
    path: ['defaultAgencyId'],
  });
export type PutCategory = z.infer<typeof PutCategory>;

/** A category as administrators edit it (its deadlines are sla-policies). */
export const AdminCategory = z.object({
  id: z.string(),
  names: LocalizedName,
  defaultAgencyId: z.string().nullable(),
  routeToDistrictAkimat: z.boolean(),
  priority: Priority,
  shareWeight: z.number().int(),
  sortOrder: z.number().int(),
});
export type AdminCategory = z.infer<typeof AdminCategory>;
