import type { Sql } from '../client.ts';

/** A display token as stored (never the token itself). */
export interface DisplayTokenRow {
  id: number;
  token_hash: string;
  label: string;
  user_id: number;
  view: unknown;
  created_by: number | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Records a new token for the display user `userId`. */
export async function insertDisplayToken(
  db: Sql,
  t: { tokenHash: string; label: string; userId: number; view: unknown; createdBy: number; at: Date },
): Promise<DisplayTokenRow> {
  const rows = await db.query<DisplayTokenRow>(
    `insert into display_tokens (token_hash, label, user_id, view, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [t.tokenHash, t.label, t.userId, t.view, t.createdBy, t.at],
  );
  return rows[0]!;
}

/** Every token, newest first. */
export const listDisplayTokens = (db: Sql) =>
  db.query<DisplayTokenRow>('select * from display_tokens order by created_at desc, id desc');

/** The live token with this hash, noting that it was used; undefined when unknown or revoked. */
export async function useDisplayToken(
  db: Sql,
  tokenHash: string,
  at: Date,
): Promise<DisplayTokenRow | undefined> {
  const rows = await db.query<DisplayTokenRow>(
    'update display_tokens set last_used_at = $2 where token_hash = $1 and revoked_at is null returning *',
    [tokenHash, at],
  );
  return rows[0];
}

/** Revokes a token and disables its display user; undefined when there is no live token with that id. */
export async function revokeDisplayToken(
  db: Sql,
  id: number,
  at: Date,
): Promise<DisplayTokenRow | undefined> {
  const rows = await db.query<DisplayTokenRow>(
    `with revoked as (
       update display_tokens set revoked_at = $2 where id = $1 and revoked_at is null returning *
     ), disabled as (
       update users set disabled_at = $2 where id = (select user_id from revoked)
     )
     select * from revoked`,
    [id, at],
  );
  return rows[0];
}
