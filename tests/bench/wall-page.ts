import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

// What the wall benchmark reads from inside the page: performance marks the map sets, a mark for the
// KPI tiles, every change of the map's ticket count with its time, long tasks, and CDP's metrics.

/** Marks set by the map (web/src/lib/map/map-view.ts) and by the script below. */
const MAP_DRAWN = 'komek:map-drawn';
const MAP_COMPLETE = 'komek:map-complete';
const KPIS_FILLED = 'komek:kpis-filled';

/** What the page records for the benchmark, on `window.__wallBench`. */
interface WallBenchLog {
  /** [ticket count on the map, epoch ms] each time the map's data-points changed (the latest few hundred). */
  points: [number, number][];
  /** [tickets in the clusters, epoch ms] each time the map's data-clustered changed. */
  clustered: [number, number][];
  /** Long tasks: count and total ms since the last reset. */
  longTasks: { count: number; totalMs: number };
}

declare global {
  interface Window {
    __wallBench?: WallBenchLog;
  }
}

/**
 * Installs the page's instruments (before any of the app's code runs): a mark when the KPI tiles all
 * show a figure, a log of the map's ticket count, and a long-task counter.
 */
export async function instrumentWall(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const log: WallBenchLog = { points: [], clustered: [], longTasks: { count: 0, totalMs: 0 } };
    window.__wallBench = log;
    // A push is timed within seconds, so only the latest entries are ever read. Kept whole, the log
    // grew by every change of an hour's traffic (~115 bytes a change) inside the very heap measured.
    const KEEP = 256;
    const record = (list: [number, number][], entry: [number, number]) => {
      list.push(entry);
      if (list.length > 2 * KEEP) list.splice(0, list.length - KEEP);
    };
    const tiles = ['received-today', 'open', 'overdue'];
    let kpisMarked = false;
    let lastPoints = '';
    let lastClustered = '';
    new MutationObserver(() => {
      const map = document.querySelector<HTMLElement>('[data-testid="ticket-map"]');
      const points = map?.dataset['points'];
      if (points !== undefined && points !== lastPoints) {
        lastPoints = points;
        record(log.points, [Number(points), performance.timeOrigin + performance.now()]);
      }
      const clustered = map?.dataset['clustered'];
      if (clustered !== undefined && clustered !== lastClustered) {
        lastClustered = clustered;
        record(log.clustered, [Number(clustered), performance.timeOrigin + performance.now()]);
      }
      if (kpisMarked) return;
      const values = tiles.map((name) =>
        document.querySelector(`[data-testid="kpi-${name}"] .value`)?.textContent?.trim(),
      );
      if (values.every((v) => v && v !== '—')) {
        kpisMarked = true;
        performance.mark('komek:kpis-filled');
      }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        log.longTasks.count++;
        log.longTasks.totalMs += entry.duration;
      }
    }).observe({ type: 'longtask' });
  });
}

/** Milliseconds from navigation to each mark, once all three are set (or the timeout passes). */
export async function firstRender(
  page: Page,
  timeoutMs: number,
): Promise<{ drawnMs: number; kpisMs: number; completeMs: number; longTaskMs: number }> {
  await page.waitForFunction(
    (names) => names.every((name) => performance.getEntriesByName(name).length > 0),
    [MAP_DRAWN, MAP_COMPLETE, KPIS_FILLED],
    { timeout: timeoutMs, polling: 100 },
  );
  return page.evaluate(
    ([drawn, complete, kpis]) => {
      const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        drawnMs: at(drawn),
        completeMs: at(complete),
        kpisMs: at(kpis),
        longTaskMs: window.__wallBench?.longTasks.totalMs ?? 0,
      };
    },
    [MAP_DRAWN, MAP_COMPLETE, KPIS_FILLED] as const,
  );
}

/** The map's current ticket count. */
export const mapPoints = (page: Page): Promise<number> =>
  page.evaluate(() =>
    Number(document.querySelector<HTMLElement>('[data-testid="ticket-map"]')?.dataset['points']),
  );

/** The open escalations the wall's alert panel counts (0 when it shows none). */
export const openAlerts = (page: Page): Promise<number> =>
  page.evaluate(() =>
    Number(
      document.querySelector('[data-testid="wall-alerts"] .count')?.textContent?.replace(/\D/g, '') || 0,
    ),
  );

/**
 * When (epoch ms) the map's ticket count (`points`: shown, a fresh ticket as its own dot at once) or
 * its clusters' count (`clustered`: after the batched rebuild) first reached `count` at or after `sinceMs`.
 */
export async function whenPointsReach(
  page: Page,
  count: number,
  sinceMs: number,
  timeoutMs: number,
  series: 'points' | 'clustered' = 'points',
): Promise<number> {
  const handle = await page.waitForFunction(
    ([n, since, name]) =>
      window.__wallBench?.[name].find(([value, at]) => value === n && at >= since)?.[1] ?? null,
    [count, sinceMs, series] as const,
    { timeout: timeoutMs, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** Long tasks since the last call: count and total ms. */
export const takeLongTasks = (page: Page): Promise<{ count: number; totalMs: number }> =>
  page.evaluate(() => {
    const log = window.__wallBench;
    const taken = { ...(log?.longTasks ?? { count: 0, totalMs: 0 }) };
    if (log) log.longTasks = { count: 0, totalMs: 0 };
    return taken;
  });

/** The tab's heap and DOM after a full garbage collection, and its layout and style counters. */
export interface TabMetrics {
  /** The page's JS heap and its workers' (the map's clusterer). */
  heapUsedMb: number;
  /** Of which in workers. */
  workerHeapMb: number;
  domNodes: number;
  layouts: number;
  styleRecalcs: number;
}

/**
 * The JS heaps of the browser's dedicated workers (the wall map's clusterer), each after a forced
 * garbage collection. Workers are not in the page's metrics: they are reached over the browser's
 * CDP session, attached to once each, messages routed by session id.
 */
export class WorkerHeaps {
  readonly #cdp: CDPSession;
  readonly #sessions = new Map<string, string>();
  readonly #waiting = new Map<number, (result: { usedSize?: number }) => void>();
  #nextId = 1;

  private constructor(cdp: CDPSession) {
    this.#cdp = cdp;
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: { usedSize?: number } };
      if (message.id === undefined) return;
      this.#waiting.get(message.id)?.(message.result ?? {});
      this.#waiting.delete(message.id);
    });
  }

  static async open(browser: Browser): Promise<WorkerHeaps> {
    return new WorkerHeaps(await browser.newBrowserCDPSession());
  }

  /** MB used by every worker's heap now. */
  async usedMb(): Promise<number> {
    const { targetInfos } = await this.#cdp.send('Target.getTargets');
    let used = 0;
    for (const target of targetInfos.filter((t) => t.type === 'worker')) {
      let sessionId = this.#sessions.get(target.targetId);
      if (sessionId === undefined) {
        ({ sessionId } = await this.#cdp.send('Target.attachToTarget', {
          targetId: target.targetId,
          flatten: false,
        }));
        this.#sessions.set(target.targetId, sessionId);
      }
      await this.#call(sessionId, 'HeapProfiler.collectGarbage');
      used += (await this.#call(sessionId, 'Runtime.getHeapUsage')).usedSize ?? 0;
    }
    return used / 2 ** 20;
  }

  #call(sessionId: string, method: string): Promise<{ usedSize?: number }> {
    const id = this.#nextId++;
    const answer = new Promise<{ usedSize?: number }>((resolve) => this.#waiting.set(id, resolve));
    void this.#cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    return answer;
  }
}

/** Collects garbage, then reads Chromium's metrics over CDP: the page's, and its workers' heaps. */
export async function tabMetrics(cdp: CDPSession, workers: WorkerHeaps): Promise<TabMetrics> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const workerHeapMb = await workers.usedMb();
  return {
    heapUsedMb: metric('JSHeapUsedSize') / 2 ** 20 + workerHeapMb,
    workerHeapMb,
    domNodes: metric('Nodes'),
    layouts: metric('LayoutCount'),
    styleRecalcs: metric('RecalcStyleCount'),
  };
}

/** One API request of the page as Resource Timing saw it: ms from its start to its last byte, and kB. */
export async function requestTiming(
  page: Page,
  path: string,
): Promise<{ startMs: number; ms: number; kb: number }> {
  return page.evaluate((p) => {
    const entry = performance
      .getEntriesByType('resource')
      .find((e): e is PerformanceResourceTiming => new URL(e.name).pathname === p);
    return entry
      ? {
          startMs: entry.startTime,
          ms: entry.responseEnd - entry.startTime,
          kb: entry.encodedBodySize / 1024,
        }
      : { startMs: NaN, ms: NaN, kb: NaN };
  }, path);
}
