import { freshDatabase } from './bench-database.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { startKomek } from '../../server/start.ts';

/** One intake measurement: the API path and its same-run baseline. */
export interface IntakeResult {
  kind: 'postgres' | 'pglite';
  apiPerSecond: number;
  apiP50Ms: number;
  apiP99Ms: number;
  baselinePerSecond: number;
  ratio: number;
}

const ADMIN_PASSWORD = 'bench-password-1';
const appeal = (i: number) => ({
  categoryId: i % 3 === 0 ? 'flooding' : i % 3 === 1 ? 'road-damage' : 'elevator',
  channel: 'phone',
  description: `Bench appeal ${i}`,
  lat: 51.12 + (i % 50) / 1000,
  lon: 71.42 + (i % 70) / 1000,
  address: `пр. Туран, ${i}`,
  reporterPhone: '+7 701 000 00 00',
});

async function runConcurrently(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const started = performance.now();
        await task(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Posts `total` appeals through the real server, then times plain inserts over the same driver. */
export async function measureIntake(
  kind: 'postgres' | 'pglite',
  url: string,
  total: number,
  concurrency: number,
): Promise<IntakeResult> {
  const { db, drop } = await freshDatabase(kind, url);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SIMULATOR: 'off',
    ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
  });
  const komek = await startKomek(config, { logger: createLogger('silent'), db, web: false });
  try {
    const login = await fetch(`${komek.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const post = async (i: number) => {
      const res = await fetch(`${komek.url}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(appeal(i)),
      });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
    };
    await runConcurrently(20, concurrency, post); // warm-up
    const apiStarted = performance.now();
    const latencies = await runConcurrently(total, concurrency, post);
    const apiSeconds = (performance.now() - apiStarted) / 1000;

    await db.exec(`create table bench_baseline (id integer generated always as identity primary key, category_id text,
      channel text, description text, lat float8, lon float8, address text, reporter_phone text, created_at timestamptz)`);
    const insert = async (i: number) => {
      const a = appeal(i);
      await db.query(
        `insert into bench_baseline (category_id, channel, description, lat, lon, address, reporter_phone, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [a.categoryId, a.channel, a.description, a.lat, a.lon, a.address, a.reporterPhone, new Date()],
      );
    };
    await runConcurrently(20, concurrency, insert); // warm-up
    const baselineStarted = performance.now();
    await runConcurrently(total, concurrency, insert);
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;

    const apiPerSecond = total / apiSeconds;
    const baselinePerSecond = total / baselineSeconds;
    return {
      kind,
      apiPerSecond,
      apiP50Ms: percentile(latencies, 0.5),
      apiP99Ms: percentile(latencies, 0.99),
      baselinePerSecond,
      ratio: apiPerSecond / baselinePerSecond,
    };
  } finally {
    await komek.close();
    await drop();
  }
}
