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
