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

/** A tickets row as the drivers return it. */
export interface TicketRow {
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

export function toRecord(row: TicketRow): TicketRecord {
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
