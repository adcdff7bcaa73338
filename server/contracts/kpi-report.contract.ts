import { z } from 'zod';
import { KPI_GROUPS } from '../../db/queries/kpi-report.ts';

const MAX_PERIOD_DAYS = 400;

/** GET /api/kpis/report: a period (default: the city's today so far) and a breakdown. */
export const KpiReportQuery = z
  .object({
    from: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).optional(),
    to: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).optional(),
    groupBy: z.enum(KPI_GROUPS).default('all'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be after from',
    path: ['to'],
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= MAX_PERIOD_DAYS * 86_400_000, {
    message: `the period may span at most ${MAX_PERIOD_DAYS} days`,
    path: ['to'],
  });
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
});
export type KpiReport = z.infer<typeof KpiReport>;

/** GET /api/kpis/monthly?month=YYYY-MM: the month (the city's calendar month). */
export const MonthlySummaryQuery = z
  .object({
    month: z.string().regex(/^(20[0-9]{2})-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-11'),
  })
  .strict();
export type MonthlySummaryQuery = z.infer<typeof MonthlySummaryQuery>;

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
});
export type MonthlySummary = z.infer<typeof MonthlySummary>;
