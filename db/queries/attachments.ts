import type { Sql } from '../client.ts';

/** How an attachment reached the centre: a staff console, or one of the residents' channels. */
export const ATTACHMENT_CHANNELS = ['console', 'web', 'telegram', 'social', 'open311'] as const;
export type AttachmentChannel = (typeof ATTACHMENT_CHANNELS)[number];

/** A stored attachment's record; the bytes are in the attachment store under `sha256`. */
export interface AttachmentRecord {
  id: number;
  ticketId: number;
  sha256: string;
  mediaType: string;
  byteSize: number;
  originalName: string | null;
  uploadedByUserId: number | null;
  channel: AttachmentChannel;
  createdAt: Date;
}

/** An attachment with the agency its ticket is routed to, which decides who may fetch it. */
export interface AttachmentWithAgency extends AttachmentRecord {
  ticketAgencyId: string | null;
}

interface Row {
  id: number;
  ticket_id: number;
  sha256: string;
  media_type: string;
  byte_size: number;
  original_name: string | null;
  uploaded_by_user_id: number | null;
  channel: AttachmentChannel;
  created_at: Date;
}

const toRecord = (r: Row): AttachmentRecord => ({
  id: r.id,
  ticketId: r.ticket_id,
  sha256: r.sha256,
  mediaType: r.media_type,
  byteSize: r.byte_size,
  originalName: r.original_name,
  uploadedByUserId: r.uploaded_by_user_id,
  channel: r.channel,
  createdAt: r.created_at,
});

/** Records a stored attachment. */
export async function insertAttachment(db: Sql, a: Omit<AttachmentRecord, 'id'>): Promise<AttachmentRecord> {
  const rows = await db.query<Row>(
    `insert into attachments (ticket_id, sha256, media_type, byte_size, original_name, uploaded_by_user_id,
       channel, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
    [
      a.ticketId,
      a.sha256,
      a.mediaType,
      a.byteSize,
      a.originalName,
      a.uploadedByUserId,
      a.channel,
      a.createdAt,
    ],
  );
  return toRecord(rows[0]!);
}

/** A ticket's attachments, oldest first (the `ticket_attachments` listing). */
export async function listTicketAttachments(db: Sql, ticketId: number): Promise<AttachmentRecord[]> {
  const rows = await db.query<Row>('select * from attachments where ticket_id = $1 order by id', [ticketId]);
  return rows.map(toRecord);
}

/** How many attachments a ticket has. */
export async function countTicketAttachments(db: Sql, ticketId: number): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select count(*)::int as n from attachments where ticket_id = $1',
    [ticketId],
  );
  return rows[0]?.n ?? 0;
}

/** One attachment and its ticket's agency, or undefined. */
export async function findAttachmentWithAgency(
  db: Sql,
  id: number,
): Promise<AttachmentWithAgency | undefined> {
  const rows = await db.query<Row & { ticket_agency_id: string | null }>(
    `select a.*, t.agency_id as ticket_agency_id
     from attachments a join tickets t on t.id = a.ticket_id
     where a.id = $1`,
    [id],
  );
  const row = rows[0];
  return row && { ...toRecord(row), ticketAgencyId: row.ticket_agency_id };
}
