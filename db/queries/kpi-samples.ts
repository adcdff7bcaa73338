import type { Sql } from '../client.ts';

/** One stored sample: the minute it was taken in and the figures, parsed by the caller. */
export interface KpiSampleRow {
  at: Date;
  figures: unknown;
}

/** Stores the figures of the minute `at`; a second sample of the same minute is ignored. */
export async function insertKpiSample(db: Sql, at: Date, figures: unknown): Promise<boolean> {
  const rows = await db.query<{ at: Date }>(
    'insert into kpi_samples (at, figures) values ($1, $2) on conflict (at) do nothing returning at',
    [at, figures],
  );
  return rows.length > 0;
}

/** Samples taken at or after `since`, oldest first. */
export const kpiSamplesSince = (db: Sql, since: Date) =>
  db.query<KpiSampleRow>('select at, figures from kpi_samples where at >= $1 order by at', [since]);

/** Forgets samples older than `before`; returns how many. */
export async function deleteKpiSamplesBefore(db: Sql, before: Date): Promise<number> {
  const rows = await db.query<{ at: Date }>('delete from kpi_samples where at < $1 returning at', [before]);
  return rows.length;
}
