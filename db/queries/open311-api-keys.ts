import type { Sql } from '../client.ts';

/** An Open311 API key as stored: a hash, never the key itself. */
export interface Open311ApiKeyRow {
  id: number;
  key_hash: string;
  label: string;
  created_at: Date;
  revoked_at: Date | null;
}
type R = Open311ApiKeyRow;

/** Stores a newly issued key's hash and label. */
export async function insertOpen311ApiKey(
  db: Sql,
  key: Pick<Open311ApiKeyRow, 'key_hash' | 'label' | 'created_at'>,
): Promise<Open311ApiKeyRow> {
  const rows = await db.query<R>(
    'insert into open311_api_keys (key_hash, label, created_at) values ($1, $2, $3) returning *',
    [key.key_hash, key.label, key.created_at],
  );
  return rows[0]!;
}

/** Every issued key, oldest first, revoked ones included. */
export const listOpen311ApiKeys = (db: Sql) => db.query<R>('select * from open311_api_keys order by id');

/** Revokes a key (a second revocation keeps the first time); undefined when there is no such key. */
export async function revokeOpen311ApiKey(
  db: Sql,
  id: number,
  at: Date,
): Promise<Open311ApiKeyRow | undefined> {
  const rows = await db.query<R>(
    'update open311_api_keys set revoked_at = coalesce(revoked_at, $2) where id = $1 returning *',
    [id, at],
  );
  return rows[0];
}

/** Whether a key with this hash was issued and is not revoked. */
export async function isActiveOpen311KeyHash(db: Sql, keyHash: string): Promise<boolean> {
  const rows = await db.query('select 1 from open311_api_keys where key_hash = $1 and revoked_at is null', [
    keyHash,
  ]);
  return rows.length > 0;
}
