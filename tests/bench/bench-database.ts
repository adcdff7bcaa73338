import { connectPostgres, openPglite, type Db } from '../../db/client.ts';

/** A throwaway database: PGlite in memory, or a new database on the PostgreSQL server. */
export async function freshDatabase(
  kind: 'postgres' | 'pglite',
  url: string,
): Promise<{ db: Db; url: string | null; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite(null);
    return { db, url: null, drop: () => db.close() };
  }
  const admin = connectPostgres(url, { max: 1 });
  const name = `komek_bench_${process.pid}_${Date.now()}`;
  await admin.exec(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = connectPostgres(target.toString());
  return {
    db,
    url: target.toString(),
    drop: async () => {
      await db.close();
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}
