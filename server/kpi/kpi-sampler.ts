import type { Sql } from '../../db/client.ts';
import { deleteKpiSamplesBefore, insertKpiSample, kpiSamplesSince } from '../../db/queries/kpi-samples.ts';
import type { Clock } from '../clock.ts';
import { KpiSampleFigures, type KpiTrend } from '../contracts/kpi-trend.contract.ts';
import type { Kpis } from '../contracts/realtime.contract.ts';
import type { Logger } from '../logger.ts';

const MINUTE_MS = 60_000;
/** Samples older than this are pruned: a week is more than any tile draws. */
const KEEP_MS = 7 * 86_400_000;

const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);

/** The figures a tile's trend draws, out of the wall's KPIs. */
export function sampleFigures(kpis: Kpis): KpiSampleFigures {
  return {
    receivedToday: kpis.receivedToday,
    open: kpis.open,
    overdue: kpis.overdue,
    firstContactRate: kpis.firstContactRate,
    processedRate: kpis.processedRate,
    ackCompliance: kpis.ackCompliance,
    resolveCompliance: kpis.resolveCompliance,
    resolveMinutesP50: kpis.resolveMinutesP50,
  };
}

/**
 * Writes the wall's figures to `kpi_samples` once a minute, so trends survive restarts and every
 * process (and every wall) draws the same line. Each process samples; the first write of a minute
 * wins. Minutes when no server ran stay empty: a gap, not an invented value.
 */
export class KpiSampler {
  private readonly db: Sql;
  private readonly current: () => Promise<Kpis>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;

  constructor(db: Sql, current: () => Promise<Kpis>, clock: Clock, logger: Logger) {
    this.db = db;
    this.current = current;
    this.clock = clock;
    this.logger = logger;
  }

  /** Samples now, then at the start of every minute. */
  start(): void {
    const tick = () => {
      void this.sampleNow().catch((err: unknown) => this.logger.warn({ err }, 'could not sample KPIs'));
      this.timer = setTimeout(tick, MINUTE_MS - (Date.now() % MINUTE_MS) + 50);
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stores this minute's figures unless another process did; returns whether this one did. */
  async sampleNow(): Promise<boolean> {
    const kpis = await this.current();
    const at = minuteOf(this.clock());
    const stored = await insertKpiSample(this.db, at, sampleFigures(kpis));
    if (stored && at.getUTCMinutes() === 0)
      await deleteKpiSamplesBefore(this.db, new Date(at.getTime() - KEEP_MS));
    return stored;
  }
}

/** The samples of the last `minutes`, oldest first. */
export async function kpiTrend(db: Sql, clock: Clock, minutes: number): Promise<KpiTrend> {
  const now = clock();
  const rows = await kpiSamplesSince(db, new Date(minuteOf(now).getTime() - (minutes - 1) * MINUTE_MS));
  return {
    at: now.toISOString(),
    stepMinutes: 1,
    samples: rows.map((row) => ({ at: row.at.toISOString(), ...KpiSampleFigures.parse(row.figures) })),
  };
}
