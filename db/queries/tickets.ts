import { z } from 'zod';
import {
  DEFAULT_CONFIRMATION_WINDOW_MS,
  TICKET_CHANNELS,
  TICKET_STATES,
  type TicketChannel,
  type TicketState,
} from '../../workflows/ticket/ticket.types.ts';
import type { StoredTicketSnapshot } from '../../workflows/ticket/ticket.transition.ts';
import type { Priority, TicketSla } from '../../workflows/sla/ticket-sla.ts';
import type { Sql } from '../client.ts';
import { TicketSlaColumn } from './sla.ts';

/** The machine snapshot column, parsed on the way out: JSON from the database is not trusted blindly. */
const SnapshotColumn = z.object({
  value: z.enum(TICKET_STATES),
  context: z.object({
    categoryId: z.string(),
    channel: z.enum(TICKET_CHANNELS),
    agencyId: z.string().nullable(),
    resolution: z.string().nullable(),
    firstContactAnswer: z.string().nullable(),
    cancelReason: z.string().nullable(),
    commentCount: z.number().int(),
    // Added with the full lifecycle: snapshots stored before it read with these defaults.
    misrouteCount: z.number().int().default(0),
    reopenCount: z.number().int().default(0),
    escalationCount: z.number().int().default(0),
    attachmentCount: z.number().int().default(0),
    holdReason: z.string().nullable().default(null),
    holdUntil: z.string().nullable().default(null),
    mergedIntoId: z.number().int().nullable().default(null),
    confirmationWindowMs: z.number().int().positive().default(DEFAULT_CONFIRMATION_WINDOW_MS),
  }),
}) satisfies z.ZodType<StoredTicketSnapshot>;

/** A ticket row with its snapshot parsed. */
export interface TicketRecord {
  id: number;
  registrationNumber: string | null;
  state: TicketState;
  snapshot: StoredTicketSnapshot;
  version: number;
  categoryId: string;
  agencyId: string | null;
  districtId: string | null;
  channel: TicketChannel;
  lat: number | null;
  lon: number | null;
  address: string | null;
  description: string;
  reporterName: string | null;
  reporterPhone: string | null;
  createdAt: Date;
  updatedAt: Date;
  registeredAt: Date | null;
  closedAt: Date | null;
  ackDueAt: Date | null;
  resolveDueAt: Date | null;
  priority: Priority;
  /** Deadlines: the terms registered under and both clocks; null for tickets filed before SLAs were data. */
  sla: TicketSla | null;
  ackWarnAt: Date | null;
  resolveWarnAt: Date | null;
  /** The incident this ticket was merged into, while it waits in `merged`. */
  mergedIntoId: number | null;
}

interface TicketRow {
  id: number;
  registration_number: string | null;
  state: TicketState;
  snapshot: unknown;
  version: number;
  category_id: string;
  agency_id: string | null;
  district_id: string | null;
  channel: TicketChannel;
  lat: number | null;
  lon: number | null;
  address: string | null;
  description: string;
  reporter_name: string | null;
  reporter_phone: string | null;
  created_at: Date;
  updated_at: Date;
  registered_at: Date | null;
  closed_at: Date | null;
  ack_due_at: Date | null;
  resolve_due_at: Date | null;
  priority: Priority;
  sla: unknown;
  ack_warn_at: Date | null;
  resolve_warn_at: Date | null;
  merged_into_id: number | null;
}

function toRecord(row: TicketRow): TicketRecord {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    state: row.state,
    snapshot: SnapshotColumn.parse(row.snapshot),
    version: row.version,
    categoryId: row.category_id,
    agencyId: row.agency_id,
    districtId: row.district_id,
    channel: row.channel,
    lat: row.lat,
    lon: row.lon,
    address: row.address,
    description: row.description,
    reporterName: row.reporter_name,
    reporterPhone: row.reporter_phone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    registeredAt: row.registered_at,
    closedAt: row.closed_at,
    ackDueAt: row.ack_due_at,
    resolveDueAt: row.resolve_due_at,
    priority: row.priority,
    sla: row.sla === null ? null : TicketSlaColumn.parse(row.sla),
    ackWarnAt: row.ack_warn_at,
    resolveWarnAt: row.resolve_warn_at,
    mergedIntoId: row.merged_into_id,
  };
}

/** Fields of a ticket that change when an event is applied. */
export type TicketMutableFields = Pick<
  TicketRecord,
  | 'registrationNumber'
  | 'state'
  | 'snapshot'
  | 'version'
  | 'categoryId'
  | 'agencyId'
  | 'updatedAt'
  | 'registeredAt'
  | 'closedAt'
  | 'ackDueAt'
  | 'resolveDueAt'
  | 'priority'
  | 'sla'
  | 'ackWarnAt'
  | 'resolveWarnAt'
  | 'mergedIntoId'
>;

/** Inserts a new ticket and returns it. */
export async function insertTicket(db: Sql, t: Omit<TicketRecord, 'id'>): Promise<TicketRecord> {
  const rows = await db.query<TicketRow>(
    `insert into tickets (registration_number, state, snapshot, version, category_id, agency_id, district_id,
       channel, lat, lon, address, description, reporter_name, reporter_phone, created_at, updated_at,
       registered_at, closed_at, ack_due_at, resolve_due_at, priority, sla, ack_warn_at, resolve_warn_at, merged_into_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
       $21, $22, $23, $24, $25)
     returning *`,
    [
      t.registrationNumber,
      t.state,
      t.snapshot,
      t.version,
      t.categoryId,
      t.agencyId,
      t.districtId,
      t.channel,
      t.lat,
      t.lon,
      t.address,
      t.description,
      t.reporterName,
      t.reporterPhone,
      t.createdAt,
      t.updatedAt,
      t.registeredAt,
      t.closedAt,
      t.ackDueAt,
      t.resolveDueAt,
      t.priority,
      t.sla,
      t.ackWarnAt,
      t.resolveWarnAt,
      t.mergedIntoId,
    ],
  );
  return toRecord(rows[0]!);
}

/** Writes the fields an event changed; the row must be locked by the caller's transaction. */
export async function updateTicketAfterEvent(
  db: Sql,
  id: number,
  t: TicketMutableFields,
): Promise<TicketRecord> {
  const rows = await db.query<TicketRow>(
    `update tickets set registration_number = $2, state = $3, snapshot = $4, version = $5, category_id = $6,
       agency_id = $7, updated_at = $8, registered_at = $9, closed_at = $10, ack_due_at = $11, resolve_due_at = $12,
       priority = $13, sla = $14, ack_warn_at = $15, resolve_warn_at = $16,
       merged_into_id = $17
     where id = $1 returning *`,
    [
      id,
      t.registrationNumber,
      t.state,
      t.snapshot,
      t.version,
      t.categoryId,
      t.agencyId,
      t.updatedAt,
      t.registeredAt,
      t.closedAt,
      t.ackDueAt,
      t.resolveDueAt,
      t.priority,
      t.sla,
      t.ackWarnAt,
      t.resolveWarnAt,
      t.mergedIntoId,
    ],
  );
  return toRecord(rows[0]!);
}

/** Tickets waiting in `merged` for the incident `incidentId`, locked, oldest first. */
export async function findMergedTicketsForUpdate(db: Sql, incidentId: number): Promise<TicketRecord[]> {
  const rows = await db.query<TicketRow>(
    "select * from tickets where merged_into_id = $1 and state = 'merged' order by id for update",
    [incidentId],
  );
  return rows.map(toRecord);
}

/** How many tickets wait merged into `incidentId`. */
export async function countMergedTickets(db: Sql, incidentId: number): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "select count(*)::int as n from tickets where merged_into_id = $1 and state = 'merged'",
    [incidentId],
  );
  return rows[0]?.n ?? 0;
}

/** One ticket, or undefined. */
export async function findTicket(db: Sql, id: number): Promise<TicketRecord | undefined> {
  const rows = await db.query<TicketRow>('select * from tickets where id = $1', [id]);
  return rows[0] && toRecord(rows[0]);
}

/** One ticket, locked for update until the caller's transaction ends. */
export async function findTicketForUpdate(db: Sql, id: number): Promise<TicketRecord | undefined> {
  const rows = await db.query<TicketRow>('select * from tickets where id = $1 for update', [id]);
  return rows[0] && toRecord(rows[0]);
}

/**
 * Locks several tickets for update in ascending id order, the one order every multi-ticket
 * transaction uses, so two of them never wait for each other; returns those that exist.
 */
export async function lockTicketsInOrder(db: Sql, ids: readonly number[]): Promise<TicketRecord[]> {
  const rows = await db.query<TicketRow>(
    'select * from tickets where id = any($1::int[]) order by id for update',
    [ids],
  );
  return rows.map(toRecord);
}

/** Tickets by id, in no particular order. */
export async function findTicketsByIds(db: Sql, ids: readonly number[]): Promise<TicketRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<TicketRow>('select * from tickets where id = any($1::int[])', [ids]);
  return rows.map(toRecord);
}

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
  /** Only tickets in one of these states (used for "open"). */
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
 * the resolution while it is being worked; on hold or merged the resolution clock is paused (its
 * last cycle stopped and no outcome yet, as the mapper's `slaPaused` reads the same JSON).
 */
const DEADLINE_COLUMNS = `
  least(case when state = 'assigned' then ack_due_at end,
        case when state in ('registered', 'assigned', 'accepted', 'in_progress') then resolve_due_at end)
    as deadline_at,
  least(case when state = 'assigned' then ack_warn_at end,
        case when state in ('registered', 'assigned', 'accepted', 'in_progress') then resolve_warn_at end)
    as warn_at,
  coalesce(state in ('on_hold', 'merged') and jsonb_typeof(sla->'resolve') = 'object'
    and sla->'resolve'->>'outcome' is null
    and (sla->'resolve'->'cycles'->-1->'stoppedAt') is distinct from 'null'::jsonb, false) as resolve_paused`;

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

/** Tickets in one of `states` untouched since `updatedBefore`, longest idle first. */
export async function findIdleTickets(
  db: Sql,
  states: readonly string[],
  updatedBefore: Date,
  limit: number,
): Promise<TicketRecord[]> {
  const rows = await db.query<TicketRow>(
    'select * from tickets where state = any($1::text[]) and updated_at < $2 order by updated_at limit $3',
    [states, updatedBefore, limit],
  );
  return rows.map(toRecord);
}
