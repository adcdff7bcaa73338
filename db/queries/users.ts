import type { Sql } from '../client.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'admin' | 'supervisor' | 'operator' | 'agency' | 'display';
  agency_id: string | null;
  disabled_at: Date | null;
}
type R = UserRow;

/** An active (not disabled) user by login name. */
export async function findActiveUserByUsername(db: Sql, username: string): Promise<UserRow | undefined> {
  return (
    await db.query<R>('select * from users where username = $1 and disabled_at is null', [username])
  )[0];
}

/** Creates a user and returns it; the caller hashes the password. */
export async function insertUser(
  db: Sql,
  user: Pick<UserRow, 'username' | 'display_name' | 'password_hash' | 'role' | 'agency_id'>,
): Promise<UserRow> {
  const rows = await db.query<R>(
    `insert into users (username, display_name, password_hash, role, agency_id)
     values ($1, $2, $3, $4, $5) returning *`,
    [user.username, user.display_name, user.password_hash, user.role, user.agency_id],
  );
  return rows[0] as UserRow;
}

/**
 * Inserts a user unless the name is taken (several processes starting at once on a fresh database
 * all try to create `admin`); returns the row only when this call created it.
 */
export async function insertUserIfAbsent(
  db: Sql,
  user: Pick<UserRow, 'username' | 'display_name' | 'password_hash' | 'role' | 'agency_id'>,
): Promise<UserRow | undefined> {
  const rows = await db.query<R>(
    `insert into users (username, display_name, password_hash, role, agency_id)
     values ($1, $2, $3, $4, $5) on conflict (username) do nothing returning *`,
    [user.username, user.display_name, user.password_hash, user.role, user.agency_id],
  );
  return rows[0] as UserRow | undefined;
}

/** An active user by id, or undefined. */
export async function findActiveUser(db: Sql, id: number): Promise<UserRow | undefined> {
  return (await db.query<R>('select * from users where id = $1 and disabled_at is null', [id]))[0] as
    UserRow | undefined;
}

/** Whether a user with this name exists, disabled or not. */
export async function usernameExists(db: Sql, username: string): Promise<boolean> {
  return (await db.query('select 1 from users where username = $1', [username])).length > 0;
}

/** Display names for a set of user ids (for timelines). */
export async function findUserNames(db: Sql, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; display_name: string }>(
    'select id, display_name from users where id = any($1::int[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Every user, for the administrator's list. */
export const listUsers = (db: Sql) => db.query<UserRow>('select * from users order by username');
