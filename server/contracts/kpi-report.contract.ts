import { z } from 'zod';
import { KPI_GROUPS } from '../../db/queries/kpi-report.ts';

const MAX_PERIOD_DAYS = 400;

const IsoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO date-time' });

/** The period fields every KPI query shares: [from, to), both optional. */
const PERIOD = { from: IsoDateTime.optional(), to: IsoDateTime.optional() };
type PeriodBounds = { from?: string | undefined; to?: string | undefined };
const inOrder = (q: PeriodBounds) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);
const IN_ORDER = { message: 'must be after from', path: ['to'] };
const notTooLong = (q: PeriodBounds) =>
  !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= MAX_PERIOD_DAYS * 86_400_000;
const NOT_TOO_LONG = { message: `the period may span at most ${MAX_PERIOD_DAYS} days`, path: ['to'] };

/** GET /api/kpis/report: a period (default: the city's today so far) and a breakdown. */
export const KpiReportQuery = z
  .object({ ...PERIOD, groupBy: z.enum(KPI_GROUPS).default('all') })
  .strict()
  .refine(inOrder, IN_ORDER)
  .refine(notTooLong, NOT_TOO_LONG);
export type KpiReportQuery = z.infer<typeof KpiReportQuery>;

const Rate = z.number().min(0).max(1).nullable();
const Minutes = z.number().nullable();

/** One line of the report. Rates are 0..1 (null when nothing to measure); durations are minutes from registration. */
export const KpiReportLine = z.object({
  key: z.string().nullable(),
  received: z.number().int(),
  processed: z.number().int(),
  processedRate: Rate,
  firstContact: z.number().int(),
  firstContactRate: Rate,
  ackCompliance: Rate,
  resolveCompliance: Rate,
  overdueNow: z.number().int(),
  openNow: z.number().int(),
  misrouteRate: Rate,
  reopenRate: Rate,
  acceptMinutesP50: Minutes,
  acceptMinutesP90: Minutes,
  resolveMinutesP50: Minutes,
  resolveMinutesP90: Minutes,
});
export type KpiReportLine = z.infer<typeof KpiReportLine>;

export const KpiReport = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(KPI_GROUPS),
  lines: z.array(KpiReportLine),
  /** The whole period in one line (what the lines add up to; rates over all of them), zeros when empty. */
  total: KpiReportLine,
});
export type KpiReport = z.infer<typeof KpiReport>;

/** GET /api/kpis/daily: the same period as the report (default: the city's today so far), day by day. */
export const KpiDailyQuery = z
  .object(PERIOD)
  .strict()
  .refine(inOrder, IN_ORDER)
  .refine(notTooLong, NOT_TOO_LONG);
export type KpiDailyQuery = z.infer<typeof KpiDailyQuery>;

/** One of the city's days (the first and last may be cut short by the period). */
export const KpiDay = z.object({
  /** The city's calendar date, YYYY-MM-DD. */
  date: z.string(),
  /** Where the day starts within the period. */
  from: z.string(),
  received: z.number().int(),
  /** Appeals resolved by an agency or closed on the call that day, whenever they came in. */
  resolved: z.number().int(),
});
export type KpiDay = z.infer<typeof KpiDay>;

/** Received against resolved, day by day: the trend of a period. Days after now are left out. */
export const KpiDaily = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(KpiDay),
  totals: z.object({ received: z.number().int(), resolved: z.number().int() }),
});
export type KpiDaily = z.infer<typeof KpiDaily>;

/** GET /api/kpis/monthly?month=YYYY-MM: the month (the city's calendar month). */
export const MonthlySummaryQuery = z
  .object({
    month: z.string().regex(/^(20[0-9]{2})-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-11'),
  })
  .strict();
export type MonthlySummaryQuery = z.infer<typeof MonthlySummaryQuery>;

/** An earlier stretch a month is compared with, and how the month's appeals changed against it. */
export const MonthComparison = z.object({
  from: z.string(),
  to: z.string(),
  received: z.number().int(),
  processedRate: Rate,
  firstContactRate: Rate,
  ackCompliance: Rate,
  resolveCompliance: Rate,
  /** The month's received ÷ this one's − 1 (0.12 = 12% more); null when this one had none. */
  receivedChange: z.number().nullable(),
});
export type MonthComparison = z.infer<typeof MonthComparison>;

/** A month's figures a manager prints: the centre's headline report. */
export const MonthlySummary = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  received: z.number().int(),
  processedRate: Rate,
  firstContactRate: Rate,
  ackCompliance: Rate,
  resolveCompliance: Rate,
  resolveMinutesP50: Minutes,
  /** The five most frequent topics, with their share of the month's appeals. */
  topCategories: z.array(z.object({ categoryId: z.string(), received: z.number().int(), share: z.number() })),
  byChannel: z.record(z.string(), z.number().int()),
  /** The same month a year before, up to the same day when the month is not over. */
  lastYear: z.object({ received: z.number().int(), processedRate: Rate, firstContactRate: Rate }).nullable(),
  /** received ÷ last year's − 1 (e.g. 0.12 = 12% more); null without last year's figures. */
  receivedChange: z.number().nullable(),
  /** Whether the month is over (otherwise it counts up to now, and comparisons to the same day). */
  complete: z.boolean(),
  /** The centre's targets for the rates (0..1), as on the wall. */
  targets: z.object({ firstContact: z.number(), processed: z.number(), sla: z.number() }),
  /** The month before, up to the same day when this month is not over; null when it had no appeals. */
  previousMonth: MonthComparison.nullable(),
  /** The same month a year before, compared the same way (with compliance, unlike `lastYear`). */
  sameMonthLastYear: MonthComparison.nullable(),
  /** Every agency's line for the month, most appeals first (null key: appeals not routed to anyone). */
  byAgency: z.array(KpiReportLine),
});
export type MonthlySummary = z.infer<typeof MonthlySummary>;
