import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

/** A row as drivers return it; callers parse it with zod or a typed mapper. */
export type Row = Record<string, unknown>;

/** What a query function needs: run one parameterised statement. */
export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** One interface over real PostgreSQL and embedded PGlite: the same SQL runs on both. */
export interface Db extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction; a throw rolls it back. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` (sent by any process, this one
   * included, when its transaction commits). Resolves once listening; the result stops it.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Connects to PostgreSQL at `url`. int8 and numeric come back as numbers on both drivers. */
export function connectPostgres(url: string, options: { max?: number } = {}): Db {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    types: {
      int8: { to: INT8_OID, from: [INT8_OID], serialize: String, parse: Number },
      numeric: { to: NUMERIC_OID, from: [NUMERIC_OID], serialize: String, parse: Number },
    },
  });
  const wrap = (runner: postgres.Sql | postgres.TransactionSql): Sql => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      const rows = await runner.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as T[];
    },
  });
  return {
    kind: 'postgres',
    ...wrap(sql),
    async exec(text) {
      await sql.unsafe(text);
    },
    async transaction(fn) {
      return (await sql.begin((tx) => fn(wrap(tx)))) as Awaited<ReturnType<typeof fn>>;
    },
    async listen(channel, onNotify) {
      // postgres.js keeps one extra connection for LISTEN and re-listens after it reconnects.
      const { unlisten } = await sql.listen(channel, onNotify);
      return unlisten;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * Opens embedded PGlite in `dataDir` (created if missing), or in memory when `dataDir` is null.
 * `loadDataDir`, a tarball from `PGlite.dumpDataDir()`, starts from that cluster instead of running
 * initdb (seconds of CPU): the integration tests open every in-memory database from one fresh cluster.
 */
export async function openPglite(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8_OID]: Number, [NUMERIC_OID]: Number },
  });
  const wrap = (runner: Pick<PGlite, 'query'>): Sql => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      const result = await runner.query<T>(text, params as unknown[]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    async exec(text) {
      await pg.exec(text);
    },
    async transaction(fn) {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async listen(channel, onNotify) {
      return pg.listen(channel, onNotify);
    },
    async close() {
      await pg.close();
    },
  };
}
