import { z } from 'zod';
import { IsoTime } from './common.contract.ts';

/** The wall's figures as sampled once a minute (what each tile's sparkline draws). */
export const KpiSampleFigures = z.object({
  receivedToday: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  firstContactRate: z.number().nullable(),
  processedRate: z.number().nullable(),
  ackCompliance: z.number().nullable(),
  resolveCompliance: z.number().nullable(),
  resolveMinutesP50: z.number().nullable(),
});
export type KpiSampleFigures = z.infer<typeof KpiSampleFigures>;

export const KpiSample = KpiSampleFigures.extend({ at: IsoTime });
export type KpiSample = z.infer<typeof KpiSample>;

/** GET /api/kpis/trend?minutes=: how far back (1 to 1440 minutes, 180 by default). */
export const KpiTrendQuery = z
  .object({
    minutes: z.coerce
      .number({ error: 'must be a whole number of minutes' })
      .int('must be a whole number of minutes')
      .min(1, 'must be at least 1')
      .max(1440, 'must be at most 1440 (a day)')
      .default(180),
  })
  .strict();
export type KpiTrendQuery = z.infer<typeof KpiTrendQuery>;

/** The samples of the last `minutes`, oldest first; minutes when no server ran have none. */
export const KpiTrend = z.object({
  at: IsoTime,
  stepMinutes: z.literal(1),
  samples: z.array(KpiSample),
});
export type KpiTrend = z.infer<typeof KpiTrend>;
