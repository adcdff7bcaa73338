import type { Sql } from '../../db/client.ts';
import { kpiBacklog, receivedByHour } from '../../db/queries/kpi-backlog.ts';
import { kpiReport } from '../../db/queries/kpi-report.ts';
import { WALL_ROOM } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type { Kpis } from '../contracts/realtime.contract.ts';
import type { Logger } from '../logger.ts';
import type { Realtime } from '../realtime/realtime.ts';
import { startOfCityDay } from './city-day.ts';
import { toReportLine } from './kpi-report.service.ts';

/** Settings the KPI figures depend on. */
export interface KpiSettings {
  cityTimeZone: string;
  firstContactTarget: number;
  processedTarget: number;
  slaTarget: number;
  kpiAmberMargin: number;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The wallboard's figures, from the one KPI module the reports use too: today's period report (city
 * day so far) and the backlog. First-contact rate = appeals received today that were closed on first
 * contact, over all appeals received today (the centre's "closed on the first call" share).
 */
export async function computeKpis(db: Sql, clock: Clock, settings: KpiSettings): Promise<Kpis> {
  const now = clock();
  const dayStart = startOfCityDay(now, settings.cityTimeZone);
  const soFar = new Date(now.getTime() + 1);
  const [today, byChannel, lastWeek, backlog, hourly] = await Promise.all([
    kpiReport(db, dayStart, soFar, now, 'all'),
    kpiReport(db, dayStart, soFar, now, 'channel'),
    kpiReport(db, new Date(dayStart.getTime() - WEEK_MS), new Date(soFar.getTime() - WEEK_MS), now, 'all'),
    kpiBacklog(db, dayStart, now),
    receivedByHour(db, dayStart, now),
  ]);
  const line = today[0] ? toReportLine(today[0]) : null;
  return {
    at: now.toISOString(),
    receivedToday: line?.received ?? 0,
    open: backlog.open_now,
    overdue: backlog.overdue_now,
    closedToday: backlog.closed_since,
    firstContactToday: line?.firstContact ?? 0,
    firstContactRate: line?.firstContactRate ?? null,
    firstContactTarget: settings.firstContactTarget,
    processedRate: line?.processedRate ?? null,
    ackCompliance: line?.ackCompliance ?? null,
    resolveCompliance: line?.resolveCompliance ?? null,
    resolveMinutesP50: line?.resolveMinutesP50 ?? null,
    receivedSameTimeLastWeek: lastWeek[0]?.received ?? 0,
    receivedByChannel: Object.fromEntries(byChannel.map((r) => [r.key ?? 'unknown', r.received])),
    receivedByHour: hourly,
    targets: {
      firstContact: settings.firstContactTarget,
      processed: settings.processedTarget,
      ackCompliance: settings.slaTarget,
      resolveCompliance: settings.slaTarget,
      amberMargin: settings.kpiAmberMargin,
    },
  };
}

/**
 * Pushes fresh KPIs to the wall at most once per `intervalMs`, however many changes arrive: the
 * first change is pushed at once, a burst after it in one push at the end of the interval.
 */
export class KpiBroadcaster {
  private timer: NodeJS.Timeout | null = null;
  private lastPushAt = Number.NEGATIVE_INFINITY;
  private readonly compute: () => Promise<Kpis>;
  private readonly realtime: Realtime;
  private readonly logger: Logger;
  private readonly intervalMs: number;

  private readonly busyMs: () => number;

  /**
   * `busyMs` is how long a computation takes now: pushes are spaced at least four times that, so
   * on a city-sized backlog under a stream of changes the figures do not keep the database busy.
   */
  constructor(
    compute: () => Promise<Kpis>,
    realtime: Realtime,
    logger: Logger,
    intervalMs = 1000,
    busyMs: () => number = () => 0,
  ) {
    this.compute = compute;
    this.realtime = realtime;
    this.logger = logger;
    this.intervalMs = intervalMs;
    this.busyMs = busyMs;
  }

  /** Notes that something changed; a push follows at once or within the interval. */
  notify(): void {
    if (this.timer) return;
    const gapMs = Math.max(this.intervalMs, 4 * this.busyMs());
    const waitMs = Math.max(0, this.lastPushAt + gapMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastPushAt = performance.now();
      this.compute()
        .then((kpis) => this.realtime.toRoom(WALL_ROOM).emit('kpi:updated', kpis))
        .catch((err: unknown) => this.logger.error({ err }, 'could not compute KPIs'));
    }, waitMs);
    this.timer.unref();
  }

  /** Cancels a pending push (at shutdown). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
