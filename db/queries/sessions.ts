import type { Sql } from '../client.ts';
import type { UserRow } from './users.ts';

/** Stores a session under the hash of its cookie token. */
export async function insertSession(
  db: Sql,
  tokenHash: string,
  userId: number,
  expiresAt: Date,
): Promise<void> {
  await db.query('insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)', [
    tokenHash,
    userId,
    expiresAt,
  ]);
}

/** The active user behind an unexpired session, or undefined. */
export async function findSessionUser(db: Sql, tokenHash: string, now: Date): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(
    `select u.* from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > $2 and u.disabled_at is null`,
    [tokenHash, now],
  );
  return rows[0];
}

/** Ends one session (logout). */
export async function deleteSession(db: Sql, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}

/** Forgets sessions that expired before `now`. */
export async function deleteExpiredSessions(db: Sql, now: Date): Promise<void> {
  await db.query('delete from sessions where expires_at <= $1', [now]);
}
