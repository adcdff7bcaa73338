import type { Sql } from '../client.ts';
import type { ResidentLocale } from '../../server/contracts/common.contract.ts';

/** The id of the ticket with this registration number, or null. */
export async function findTicketIdByRegistrationNumber(
  db: Sql,
  registrationNumber: string,
): Promise<number | null> {
  const rows = await db.query<{ id: number }>('select id from tickets where registration_number = $1', [
    registrationNumber,
  ]);
  return rows[0]?.id ?? null;
}

/** The newest ticket a Telegram chat is subscribed to (the last appeal it filed), or null. */
export async function findLatestTicketIdOfChat(db: Sql, chatId: number): Promise<number | null> {
  const rows = await db.query<{ ticket_id: number }>(
    `select ticket_id from ticket_subscribers
     where channel = 'telegram' and address = $1
     order by id desc limit 1`,
    [String(chatId)],
  );
  return rows[0]?.ticket_id ?? null;
}

/** Whether a Telegram chat is subscribed to a ticket (it filed the appeal). */
export async function isChatSubscribed(db: Sql, ticketId: number, chatId: number): Promise<boolean> {
  const rows = await db.query(
    `select 1 from ticket_subscribers where ticket_id = $1 and channel = 'telegram' and address = $2`,
    [ticketId, String(chatId)],
  );
  return rows.length > 0;
}

/** A photo a resident sent with an appeal, kept as Telegram's file id. */
export interface TicketPhoto {
  ticketId: number;
  chatId: number;
  fileId: string;
  fileUniqueId: string;
}

/** Records the photo of a ticket filed through the bot. */
export async function insertTicketPhoto(db: Sql, photo: TicketPhoto, at: Date): Promise<void> {
  await db.query(
    `insert into telegram_ticket_photos (ticket_id, chat_id, file_id, file_unique_id, created_at)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [photo.ticketId, photo.chatId, photo.fileId, photo.fileUniqueId, at],
  );
}

/** Records that a ticket's Telegram photo is now one of its attachments. */
export async function setPhotoAttachment(
  db: Sql,
  ticketId: number,
  fileUniqueId: string,
  attachmentId: number,
): Promise<void> {
  await db.query(
    'update telegram_ticket_photos set attachment_id = $3 where ticket_id = $1 and file_unique_id = $2',
    [ticketId, fileUniqueId, attachmentId],
  );
}

/** The photos of a ticket filed through the bot, oldest first, with the attachment each became. */
export async function listTicketPhotos(
  db: Sql,
  ticketId: number,
): Promise<(TicketPhoto & { attachmentId: number | null })[]> {
  const rows = await db.query<{
    ticket_id: number;
    chat_id: number;
    file_id: string;
    file_unique_id: string;
    attachment_id: number | null;
  }>(
    `select ticket_id, chat_id, file_id, file_unique_id, attachment_id from telegram_ticket_photos
     where ticket_id = $1 order by created_at, file_unique_id`,
    [ticketId],
  );
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    chatId: r.chat_id,
    fileId: r.file_id,
    fileUniqueId: r.file_unique_id,
    attachmentId: r.attachment_id,
  }));
}

/** A queued message the conversation delivers itself. */
export interface LeasedReply {
  id: number;
  kind: string;
  locale: ResidentLocale;
  payload: unknown;
}

/**
 * Leases the pending messages of a new ticket to its own chat, as the outbox worker leases due
 * messages (an attempt counted, not due again before `leaseUntil`): the bot answers the resident
 * with the registration at once, then marks it sent. Should the answer fail, the lease runs out and
 * the outbox worker delivers it instead, so the resident hears of the appeal once, and at least once.
 */
export async function leaseTicketMessagesToChat(
  db: Sql,
  ticketId: number,
  chatId: number,
  leaseUntil: Date,
): Promise<LeasedReply[]> {
  const rows = await db.query<LeasedReply>(
    `update outbox_messages set attempts = attempts + 1, next_attempt_at = $3
     where ticket_id = $1 and channel = 'telegram' and address = $2 and status = 'pending'
     returning id, kind, locale, payload`,
    [ticketId, String(chatId), leaseUntil],
  );
  return rows.sort((a, b) => a.id - b.id);
}
