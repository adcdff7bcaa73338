import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { launchChromium } from '../support/browser.ts';
import { login } from '../support/factories.ts';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { connect, openSocket, type ClientSocket } from '../support/test-socket.ts';
import { inParallel } from '../support/timer-restart-fixtures.ts';
import { freshDatabase } from './bench-database.ts';
import {
  firstRender,
  requestTiming,
  instrumentWall,
  mapPoints,
  openAlerts,
  tabMetrics,
  takeLongTasks,
  whenPointsReach,
  WorkerHeaps,
} from './wall-page.ts';
import { report, type MemorySample } from './wall-report.ts';
import { seedOpenTickets } from './wall-seed.ts';

// The wall display under a city's worst day: 50,000 open tickets in PostgreSQL, the real server
// process, /wallboard in Chromium. (a) first render, clusters beside plain Leaflet markers;
// (b) API command → the wall's map, with 1 and with N Socket.IO clients connected; (c) the tab's heap
// and DOM read every few minutes of traffic that keeps the open count level.

const TICKETS = Number(process.env.BENCH_WALL_TICKETS ?? 50_000);
const CLIENTS = Number(process.env.BENCH_WALL_CLIENTS ?? 1000);
const SAMPLES = Number(process.env.BENCH_WALL_SAMPLES ?? 40);
/** Appeals filed and not counted first: the page's code warms up (JIT, the load's garbage). */
const WARM_UP = 3;
const TRAFFIC_S = Number(process.env.BENCH_WALL_TRAFFIC_S ?? 180);
const TRAFFIC_PER_S = Number(process.env.BENCH_WALL_RATE ?? 8);
/** How often the tab's memory is read during the traffic: six times over it unless set. */
const MEMORY_EVERY_S = Number(process.env.BENCH_WALL_MEMORY_EVERY_S ?? Math.max(10, TRAFFIC_S / 6));
/** Page loads per mode, alternating, so both see the same machine. */
const LOADS = Number(process.env.BENCH_WALL_LOADS ?? 5);
const ADMIN_PASSWORD = 'bench-password-1';

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const epochMs = () => performance.timeOrigin + performance.now();

interface RenderResult {
  drawnMs: number;
  kpisMs: number;
  completeMs: number;
  longTaskMs: number;
  /** GET /api/map/open-tickets and GET /api/kpis: start to last byte. */
  /** When the page asked for the snapshot, ms from navigation. */
  snapshotStartMs: number;
  snapshotMs: number;
  snapshotKb: number;
  kpisRequestMs: number;
}

/** A new appeal somewhere in the city, through the API as a console files it. */
async function fileAppeal(server: ServerProcess, cookie: string, i: number): Promise<number> {
  const res = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      categoryId: i % 2 ? 'road-damage' : 'flooding',
      description: `Wall bench appeal ${i}`,
      lat: 51.1 + (i % 97) / 1000,
      lon: 71.38 + (i % 89) / 700,
    }),
  });
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

async function loadWall(context: BrowserContext, url: string): Promise<{ page: Page; render: RenderResult }> {
  const page = await context.newPage();
  await page.goto(url);
  const marks = await firstRender(page, 180_000);
  const snapshot = await requestTiming(page, '/api/map/open-tickets');
  const kpis = await requestTiming(page, '/api/kpis');
  const render = {
    ...marks,
    snapshotStartMs: snapshot.startMs,
    snapshotMs: snapshot.ms,
    snapshotKb: snapshot.kb,
    kpisRequestMs: kpis.ms,
  };
  return { page, render };
}

/**
 * (a) Each mode loaded LOADS times, alternating; medians. An appeal is filed before each load, so
 * every load reads the open tickets afresh (the server keeps a view's snapshot only while nothing
 * changes), as on a busy day. The very first load, on a server just started, is also kept apart.
 */
async function measureFirstRender(context: BrowserContext, server: ServerProcess, cookie: string) {
  const runs: Record<'clusters' | 'plain', RenderResult[]> = { clusters: [], plain: [] };
  for (let round = 0; round < LOADS; round++) {
    for (const mode of ['clusters', 'plain'] as const) {
      process.stdout.write(`wall: first render, ${mode}, load ${round + 1} of ${LOADS}…\n`);
      await fileAppeal(server, cookie, -1 - runs.clusters.length - runs.plain.length);
      const { page, render } = await loadWall(
        context,
        `${server.url}/wallboard${mode === 'plain' ? '?markers=plain' : ''}`,
      );
      runs[mode].push(render);
      process.stdout.write(
        `wall:   drawn at ${Math.round(render.drawnMs)} ms; snapshot asked at ${Math.round(render.snapshotStartMs)} ms, took ${Math.round(render.snapshotMs)} ms\n`,
      );
      await page.close();
    }
  }
  const summary = (results: RenderResult[]) => ({
    drawnMs: median(results.map((r) => r.drawnMs)),
    kpisMs: median(results.map((r) => r.kpisMs)),
    firstMs: median(results.map((r) => Math.max(r.drawnMs, r.kpisMs))),
    completeMs: median(results.map((r) => Math.max(r.completeMs, r.kpisMs))),
    longTaskMs: median(results.map((r) => r.longTaskMs)),
    snapshotStartMs: median(results.map((r) => r.snapshotStartMs)),
    snapshotMs: median(results.map((r) => r.snapshotMs)),
    snapshotKb: median(results.map((r) => r.snapshotKb)),
    kpisRequestMs: median(results.map((r) => r.kpisRequestMs)),
  });
  return { clusters: summary(runs.clusters), plain: summary(runs.plain), coldMs: runs.clusters[0]!.drawnMs };
}

/** Opens `count` Socket.IO clients in the wall room, 50 handshakes at a time; fewer if the machine refuses. */
async function openClients(server: ServerProcess, cookie: string, count: number): Promise<ClientSocket[]> {
  const sockets: ClientSocket[] = [];
  await inParallel(count, 50, async () => {
    const socket = openSocket(server.url, cookie);
    try {
      sockets.push(await connect(socket));
    } catch {
      socket.close();
    }
  });
  return sockets;
}

/** Latencies (ms) of one run of (b): to the wall's map, and to the last of the other clients. */
interface PushTimes {
  shown: number[];
  /** Until the batched re-cluster took it in (the count on its cluster). */
  clustered: number[];
  fanOut: number[];
}

/** (b) `samples` appeals filed one at a time; each timed until the wall's map counts it. */
async function measurePush(
  page: Page,
  server: ServerProcess,
  cookie: string,
  clients: ClientSocket[],
  samples: number,
  into: PushTimes = { shown: [], clustered: [], fanOut: [] },
): Promise<PushTimes> {
  const { shown: latencies, fanOut, clustered } = into;
  for (let i = 0; i < samples; i++) {
    const before = await mapPoints(page);
    let received = 0;
    let allReceivedAt = NaN;
    const sentAt = epochMs();
    const handlers = clients.map((socket) => {
      const handler = () => {
        if (++received === clients.length) allReceivedAt = epochMs();
      };
      socket.once('ticket:changed', handler);
      return handler;
    });
    await fileAppeal(server, cookie, 1000 + latencies.length);
    const shownAt = await whenPointsReach(page, before + 1, sentAt, 30_000);
    latencies.push(shownAt - sentAt);
    clustered.push((await whenPointsReach(page, before + 1, sentAt, 30_000, 'clustered')) - sentAt);
    if (clients.length > 0) {
      const deadline = Date.now() + 10_000;
      while (Number.isNaN(allReceivedAt) && Date.now() < deadline) await sleep(5);
      fanOut.push(allReceivedAt - sentAt);
    }
    for (const [k, socket] of clients.entries()) socket.off('ticket:changed', handlers[k]);
    // Apart, so each sample meets the map idle, not throttled by the previous one.
    await sleep(600 + ((i * 137) % 400));
  }
  return into;
}

/** p50 and p99 of both series. */
function pushPercentiles({ shown, clustered, fanOut }: PushTimes) {
  const sorted = [...shown].sort((a, b) => a - b);
  const fan = [...fanOut].sort((a, b) => a - b);
  const inClusters = [...clustered].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    clusteredP50: percentile(inClusters, 0.5),
    clusteredP99: percentile(inClusters, 0.99),
    fanP50: percentile(fan, 0.5),
    fanP99: percentile(fan, 0.99),
  };
}

/** The seeded tickets by state, to work them in the traffic. */
async function ticketsByState(db: Db): Promise<Map<string, number[]>> {
  const rows = await db.query<{ id: number; state: string }>('select id, state from tickets');
  const byState = new Map<string, number[]>();
  for (const row of rows) byState.set(row.state, [...(byState.get(row.state) ?? []), row.id]);
  return byState;
}

/**
 * The traffic's steps, in turn: a new appeal, then one ticket moved along each step of its life. A
 * closed ticket leaves the map as a new one arrives, so the open count stays level and the tab's
 * memory at the end is comparable with its memory at the start.
 */
const TRAFFIC_STEPS = [
  null,
  ['assigned', 'ticket.accept', 'accepted'],
  ['accepted', 'ticket.start', 'in_progress'],
  ['in_progress', 'ticket.resolve', 'resolved'],
  ['resolved', 'ticket.close', 'closed'],
] as const;

/** (c) TRAFFIC_S seconds of appeals filed and worked at TRAFFIC_PER_S; `between` runs between requests. */
async function runTraffic(
  server: ServerProcess,
  cookie: string,
  byState: Map<string, number[]>,
  between: () => Promise<void>,
) {
  const started = Date.now();
  let applied = 0;
  let refused = 0;
  const filed: number[] = [];
  for (let i = 0; Date.now() - started < TRAFFIC_S * 1000; i++) {
    await between();
    const due = started + (i * 1000) / TRAFFIC_PER_S;
    if (due > Date.now()) await sleep(due - Date.now());
    const step = TRAFFIC_STEPS[i % TRAFFIC_STEPS.length]!;
    if (step === null) {
      filed.push(await fileAppeal(server, cookie, 10_000 + i));
      applied++;
      continue;
    }
    const [from, type, to] = step;
    const ids = byState.get(from) ?? [];
    // New appeals are accepted first, in the order filed, as an agency works its queue: left
    // unaccepted, each would raise an escalation, and the wall would hold more live alerts by the minute.
    const id =
      type === 'ticket.accept' && filed.length > 0
        ? filed.shift()
        : ids.splice(Math.floor(Math.random() * ids.length), 1)[0];
    if (id === undefined) continue;
    const res = await fetch(`${server.url}/api/tickets/${id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(type === 'ticket.resolve' ? { type, resolution: 'Done by the bench' } : { type }),
    });
    await res.arrayBuffer();
    if (res.ok) {
      applied++;
      const pool = byState.get(to) ?? [];
      pool.push(id);
      byState.set(to, pool);
    } else refused++;
  }
  return { applied, refused, seconds: (Date.now() - started) / 1000 };
}

/** The real server process on `databaseUrl`, without map tiles (no network here, and a tile server's speed is not the wall's). */
async function startWallServer(databaseUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  const tiles = `http://127.0.0.1:${port}/no-tiles/{z}/{x}/{y}.png`;
  return startServerProcess(
    { DATABASE_URL: databaseUrl, SIMULATOR: 'off', ADMIN_PASSWORD, TILE_URL: tiles },
    port,
  );
}

/** A 1080p browser context signed in as `cookie`'s user, in English, with the wall's instruments. */
async function wallContext(browser: Browser, server: ServerProcess, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const [name, value] = cookie.split(';')[0]!.split('=');
  await context.addCookies([{ name: name!, value: value!, url: server.url }]);
  await context.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
  await instrumentWall(context);
  return context;
}

/**
 * The baseline for the first render: the same wall on the same (still empty) database, LOADS times
 * after one load to warm up; the median. What the app itself takes to start on this machine (code,
 * session, reference data, the map's library and worker), so what the tickets add can be read apart.
 */
async function measureEmptyWall(browser: Browser, databaseUrl: string): Promise<number> {
  const server = await startWallServer(databaseUrl);
  try {
    const context = await wallContext(browser, server, await login(server.url, 'admin', ADMIN_PASSWORD));
    const firstMs: number[] = [];
    for (let load = 0; load <= LOADS; load++) {
      process.stdout.write(`wall: first render with no tickets, load ${load} of ${LOADS}…\n`);
      const { page, render } = await loadWall(context, `${server.url}/wallboard`);
      if (load > 0) firstMs.push(Math.max(render.drawnMs, render.kpisMs));
      await page.close();
    }
    await context.close();
    return median(firstMs);
  } finally {
    await server.stop();
  }
}

/** Runs the whole wall benchmark and returns its BENCHMARKS.md section. */
export async function wallSection(postgresUrl: string): Promise<string> {
  const { db, url, drop } = await freshDatabase('postgres', postgresUrl);
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  const clients: ClientSocket[] = [];
  try {
    await migrate(db);
    browser = await launchChromium();
    const empty = await measureEmptyWall(browser, url!);
    process.stdout.write(`wall: seeding ${TICKETS} open tickets…\n`);
    const seeded = await seedOpenTickets(db, TICKETS);
    server = await startWallServer(url!);
    const cookie = await login(server.url, 'admin', ADMIN_PASSWORD);
    const context = await wallContext(browser, server, cookie);

    const render = { ...(await measureFirstRender(context, server, cookie)), emptyMs: empty };

    // Alone, crowded, alone again: the baseline's samples straddle the crowded run's.
    process.stdout.write('wall: push latency with 1 client (the wall)…\n');
    const { page } = await loadWall(context, `${server.url}/wallboard`);
    await measurePush(page, server, cookie, [], WARM_UP);
    const aloneTimes = await measurePush(page, server, cookie, [], Math.ceil(SAMPLES / 2));
    process.stdout.write(`wall: opening ${CLIENTS} Socket.IO clients…\n`);
    clients.push(...(await openClients(server, cookie, CLIENTS)));
    const connected = clients.length;
    process.stdout.write(`wall: push latency with ${connected} clients + the wall…\n`);
    const crowded = pushPercentiles(await measurePush(page, server, cookie, clients, SAMPLES));
    for (const socket of clients.splice(0)) socket.close();
    await sleep(2000);
    process.stdout.write('wall: push latency with 1 client again…\n');
    const alone = pushPercentiles(
      await measurePush(page, server, cookie, [], Math.floor(SAMPLES / 2), aloneTimes),
    );

    process.stdout.write(`wall: ${TRAFFIC_S} s of traffic…\n`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const workers = await WorkerHeaps.open(browser);
    const byState = await ticketsByState(db);
    const trafficStarted = Date.now();
    const memoryAt = async (): Promise<MemorySample> => ({
      minute: (Date.now() - trafficStarted) / 60_000,
      ...(await tabMetrics(cdp, workers)),
      onMap: await mapPoints(page),
      openAlerts: await openAlerts(page),
    });
    const memory: MemorySample[] = [await memoryAt()];
    await takeLongTasks(page);
    const traffic = await runTraffic(server, cookie, byState, async () => {
      if (Date.now() - trafficStarted >= memory.length * MEMORY_EVERY_S * 1000) memory.push(await memoryAt());
    });
    await sleep(2000);
    const longTasks = await takeLongTasks(page);
    memory.push(await memoryAt());

    return report({
      tickets: TICKETS,
      loads: LOADS,
      samples: SAMPLES,
      warmUp: WARM_UP,
      trafficPerS: TRAFFIC_PER_S,
      seededMs: seeded.ms,
      render,
      alone,
      crowded,
      clients: CLIENTS,
      memory,
      traffic,
      longTasks,
    });
  } finally {
    for (const socket of clients) socket.close();
    await browser?.close();
    await server?.stop();
    await drop();
  }
}
