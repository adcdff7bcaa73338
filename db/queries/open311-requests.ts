import type { Sql } from '../client.ts';
import type { TicketEventRow } from './ticket-events.ts';

/** Filters for `listOpen311RequestIds`; every field is optional and they combine with AND. */
export interface Open311RequestFilter {
  registrationNumbers?: readonly string[];
  categoryIds?: readonly string[];
  /** Only tickets in one of these states. */
  states?: readonly string[];
  /** Only tickets in none of these states. */
  excludeStates?: readonly string[];
  /** Requested (created) at or after. */
  from?: Date;
  /** Requested (created) at or before. */
  to?: Date;
  limit: number;
  offset: number;
}

/**
 * Ids of the tickets Open311 publishes (registered ones: they have a registration number, the
 * public service_request_id), newest first. The caller loads the rows with `findTicketsByIds`.
 */
export async function listOpen311RequestIds(db: Sql, f: Open311RequestFilter): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `select id from tickets
     where registration_number is not null
       and ($1::text[] is null or registration_number = any($1::text[]))
       and ($2::text[] is null or category_id = any($2::text[]))
       and ($3::text[] is null or state = any($3::text[]))
       and ($4::text[] is null or state <> all($4::text[]))
       and ($5::timestamptz is null or created_at >= $5)
       and ($6::timestamptz is null or created_at <= $6)
     order by created_at desc, id desc
     limit $7 offset $8`,
    [
      f.registrationNumbers ?? null,
      f.categoryIds ?? null,
      f.states ?? null,
      f.excludeStates ?? null,
      f.from ?? null,
      f.to ?? null,
      f.limit,
      f.offset,
    ],
  );
  return rows.map((r) => r.id);
}

/** The histories of several tickets in one statement, oldest first. */
export const listEventsOfTickets = (db: Sql, ticketIds: readonly number[]) =>
  db.query<TicketEventRow>('select * from ticket_events where ticket_id = any($1::int[]) order by seq', [
    ticketIds,
  ]);
