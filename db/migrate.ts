import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './client.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url).pathname;
// Any constant works; it only has to be the same for every Komek process on one database.
const MIGRATION_LOCK_KEY = 7_109_109;

/** Applies pending `db/migrations/*.sql` in name order, once each, under an advisory lock. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `create table if not exists schema_migrations (
         name text primary key,
         applied_at timestamptz not null default now()
       )`,
    );
    const applied = new Set(
      (await tx.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name),
    );
    const pending = files.filter((f) => !applied.has(f));
    for (const name of pending) {
      const text = await readFile(join(dir, name), 'utf8');
      // Statements run one by one so both drivers take the same path (no multi-statement extended query).
      for (const statement of splitSqlStatements(text)) await tx.query(statement);
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
    }
    return pending;
  });
}

/** True once every migration file has been applied (used by /readyz). */
export async function migrationsDone(db: Db, dir = MIGRATIONS_DIR): Promise<boolean> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  const rows = await db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
  return rows[0]?.n === files.length;
}

/**
 * Splits a migration into statements on `;` at line ends, keeping `$$ ... $$` bodies whole.
 * Migrations are ours, so this small grammar is a contract: end each statement with `;` + newline.
 */
export function splitSqlStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of text.split('\n')) {
    if (/^\s*--/.test(line) && !inDollar) continue;
    current += line + '\n';
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inDollar = !inDollar;
    if (!inDollar && /;\s*$/.test(line)) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
