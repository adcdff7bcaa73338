import type { Sql } from '../client.ts';

/** A stored social post, snake_case as in the table. */
export interface SocialPostRow {
  id: number;
  source: string;
  external_id: string;
  kind: 'mention' | 'channel' | 'direct';
  author_handle: string | null;
  author_name: string | null;
  text: string;
  url: string | null;
  lat: number | null;
  lon: number | null;
  posted_at: Date;
  received_at: Date;
  raw: unknown;
  status: 'new' | 'converted' | 'dismissed';
  ticket_id: number | null;
  dismiss_reason: string | null;
  handled_by: number | null;
  handled_at: Date | null;
}

/** A post to store. */
export type NewSocialPost = Pick<
  SocialPostRow,
  | 'source'
  | 'external_id'
  | 'kind'
  | 'author_handle'
  | 'author_name'
  | 'text'
  | 'url'
  | 'lat'
  | 'lon'
  | 'posted_at'
  | 'received_at'
  | 'raw'
>;

/** Stores a post, or returns undefined when this source delivered it before. */
export async function insertSocialPost(db: Sql, p: NewSocialPost): Promise<SocialPostRow | undefined> {
  const rows = await db.query<SocialPostRow>(
    `insert into social_posts (source, external_id, kind, author_handle, author_name, text, url, lat, lon,
       posted_at, received_at, raw)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (source, external_id) do nothing
     returning *`,
    [
      p.source,
      p.external_id,
      p.kind,
      p.author_handle,
      p.author_name,
      p.text,
      p.url,
      p.lat,
      p.lon,
      p.posted_at,
      p.received_at,
      p.raw,
    ],
  );
  return rows[0];
}

/** The stored post with this source and external id. */
export async function findSocialPostByExternalId(
  db: Sql,
  source: string,
  externalId: string,
): Promise<SocialPostRow | undefined> {
  const rows = await db.query<SocialPostRow>(
    'select * from social_posts where source = $1 and external_id = $2',
    [source, externalId],
  );
  return rows[0];
}

/** One post, or undefined. */
export async function findSocialPost(db: Sql, id: number): Promise<SocialPostRow | undefined> {
  return (await db.query<SocialPostRow>('select * from social_posts where id = $1', [id]))[0];
}

/** Posts with `status`: the queue oldest first, handled ones newest first. */
export async function listSocialPosts(
  db: Sql,
  status: SocialPostRow['status'],
  limit: number,
): Promise<SocialPostRow[]> {
  return db.query<SocialPostRow>(
    `select * from social_posts where status = $1
     order by case when $1 = 'new' then received_at end asc, received_at desc, id
     limit $2`,
    [status, limit],
  );
}

/**
 * Marks a post still in the queue as handled; undefined when it is not there any more (someone else
 * converted or dismissed it first).
 */
export async function markSocialPostHandled(
  db: Sql,
  id: number,
  change: {
    status: 'converted' | 'dismissed';
    ticketId: number | null;
    dismissReason: string | null;
    by: number;
    at: Date;
  },
): Promise<SocialPostRow | undefined> {
  const rows = await db.query<SocialPostRow>(
    `update social_posts set status = $2, ticket_id = $3, dismiss_reason = $4, handled_by = $5, handled_at = $6
     where id = $1 and status = 'new' returning *`,
    [id, change.status, change.ticketId, change.dismissReason, change.by, change.at],
  );
  return rows[0];
}
