import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connectPostgres, openPglite, type Db } from '../../db/client.ts';
import { pgliteSnapshot } from './pglite-snapshot.ts';

/** Every integration suite runs once per database kind: the same SQL must hold on both. */
export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** The server the PostgreSQL suites create their databases on (trust auth in CI). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database owned by one suite; `close` disconnects and, on PostgreSQL, drops it. */
export interface TestDatabase {
  db: Db;
  close(): Promise<void>;
}

/**
 * A fresh, empty (unmigrated) database: PGlite in memory (loaded from a cached fresh cluster, see
 * pglite-snapshot.ts), or a `komek_t_<random>` database on the test server, so suites running in
 * parallel never see each other's rows.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openPglite(null, { loadDataDir: await pgliteSnapshot() });
    return { db, close: () => db.close() };
  }
  const name = `komek_t_${randomBytes(6).toString('hex')}`;
  // The name is ours and matches [a-z0-9_], so interpolating it into DDL (which takes no parameters) is safe.
  await onServer((sql) => sql.unsafe(`create database ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = connectPostgres(url.toString());
  return {
    db,
    async close() {
      await db.close();
      await onServer((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    },
  };
}

async function onServer(run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
