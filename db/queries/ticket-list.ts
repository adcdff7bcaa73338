import type { Sql } from '../client.ts';
import { toRecord, type TicketRecord, type TicketRow } from './tickets.ts';

// The console's ticket list: filters, SLA states judged in SQL against the server's clock, and
// cursor paging newest first or by nearest deadline.

/** Filters for `listTickets`; every field is optional and they combine with AND. */
export interface TicketFilter {
  states?: readonly string[];
  categoryIds?: readonly string[];
  agencyIds?: readonly string[];
  districtIds?: readonly string[];
  channels?: readonly string[];
  /** Appeals merged into this incident. */
  mergedIntoId?: number;
  /** The caller's phone, as its last ten digits (any prefix or formatting matches). */
  phoneDigits?: string;
  /** Only tickets in none of these states (the final states, for "open"). */
  excludeStates?: readonly string[];
  /** Case-insensitive text in the registration number, address or description. */
  text?: string;
  /** Digits the text search also looks for inside the resident's phone (for viewers who may see it). */
  textPhoneDigits?: string;
  bbox?: readonly [west: number, south: number, east: number, north: number];
  /** Where each ticket stands against its running deadlines at `now` (see `SLA_STATE_SQL`). */
  slaStates?: readonly string[];
  /** Only tickets about to breach at `now`: warning reached, or due by `riskUntil`. */
  riskUntil?: Date;
  /** The server's clock: SLA states and the at-risk view are judged by it. */
  now: Date;
  /** `deadline`: nearest running deadline first, none last; otherwise newest first. */
  sort?: 'newest' | 'deadline';
  /** Newest first: tickets with an id below this one (the cursor of the previous page). */
  beforeId?: number;
  /** By deadline: tickets after this (deadline, id) key; a null deadline sorts after every date. */
  after?: { deadlineAt: Date | null; id: number };
  limit: number;
}

/**
 * A ticket's running deadlines, as columns: the acknowledgement runs while it waits in `assigned`,
 * the resolution while it is being worked; on hold or merged the resolution clock is paused
 * (`sla_paused`, stored by migration 0019 with the rule the ticket mapper's `slaPaused` uses, so the
 * list, the ticket page and the wall's map agree).
 */
const DEADLINE_COLUMNS = `
  least(case when state = 'assigned' then ack_due_at end,
        case when state in ('registered', 'assigned', 'accepted', 'in_progress') then resolve_due_at end)
    as deadline_at,
  least(case when state = 'assigned' then ack_warn_at end,
        case when state in ('registered', 'assigned', 'accepted', 'in_progress') then resolve_warn_at end)
    as warn_at,
  sla_paused as resolve_paused`;

/** A ticket's SLA state at `$now` from `DEADLINE_COLUMNS`; null when no deadline runs. */
const SLA_STATE_SQL = `case
  when resolve_paused then 'paused'
  when deadline_at is null then null
  when deadline_at <= $16::timestamptz then 'breached'
  when warn_at <= $16::timestamptz then 'warning'
  else 'on_time' end`;

/** The running deadline a page ended on, for the next page's cursor; null when none runs. */
export type ListedTicket = TicketRecord & { deadlineAt: Date | null };

/**
 * A page of tickets, newest first or by deadline. Null filter parameters switch a condition off, so
 * one statement serves all; SLA states are computed here against the caller's `now`.
 */
export async function listTickets(db: Sql, f: TicketFilter): Promise<ListedTicket[]> {
  const like = f.text ? `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const byDeadline = f.sort === 'deadline';
  const rows = await db.query<TicketRow & { deadline_at: Date | null }>(
    `select * from (
       select tickets.*, ${DEADLINE_COLUMNS} from tickets
     ) t
     where ($1::text[] is null or state = any($1::text[]))
       and ($2::text[] is null or category_id = any($2::text[]))
       and ($3::text[] is null or agency_id = any($3::text[]))
       and ($4::text[] is null or district_id = any($4::text[]))
       and ($5::text[] is null or channel = any($5::text[]))
       and ($6::text[] is null or state <> all($6::text[]))
       and ($7::text is null or registration_number ilike $7 or address ilike $7 or description ilike $7
            or ($22::text is not null and reporter_phone is not null
                and strpos(regexp_replace(reporter_phone, '[^0-9]', '', 'g'), $22) > 0))
       and ($8::float8 is null or (lon between $8 and $10 and lat between $9 and $11))
       and ($12::int is null or id < $12)
       and ($14::int is null or merged_into_id = $14)
       and ($15::text is null or (reporter_phone is not null
            and right(regexp_replace(reporter_phone, '[^0-9]', '', 'g'), 10) = $15))
       and ($17::text[] is null or (${SLA_STATE_SQL}) = any($17::text[]))
       and ($18::timestamptz is null or (not resolve_paused and deadline_at > $16::timestamptz
            and (warn_at <= $16::timestamptz or deadline_at <= $18::timestamptz)))
       and ($20::int is null or (case
            when $19::timestamptz is null then deadline_at is null and id > $20
            else deadline_at > $19::timestamptz or (deadline_at = $19::timestamptz and id > $20)
                 or deadline_at is null end))
     order by case when $21::boolean then deadline_at end asc nulls last,
              case when $21::boolean then id end asc,
              id desc
     limit $13`,
    [
      f.states ?? null,
      f.categoryIds ?? null,
      f.agencyIds ?? null,
      f.districtIds ?? null,
      f.channels ?? null,
      f.excludeStates ?? null,
      like,
      f.bbox?.[0] ?? null,
      f.bbox?.[1] ?? null,
      f.bbox?.[2] ?? null,
      f.bbox?.[3] ?? null,
      f.beforeId ?? null,
      f.limit,
      f.mergedIntoId ?? null,
      f.phoneDigits ?? null,
      f.now,
      f.slaStates ?? null,
      f.riskUntil ?? null,
      f.after?.deadlineAt ?? null,
      f.after?.id ?? null,
      byDeadline,
      (like && f.textPhoneDigits) || null,
    ],
  );
  return rows.map((row) => ({ ...toRecord(row), deadlineAt: row.deadline_at }));
}
