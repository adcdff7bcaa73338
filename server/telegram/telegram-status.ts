import type { Sql } from '../../db/client.ts';
import { findCategory } from '../../db/queries/reference.ts';
import {
  findLatestTicketIdOfChat,
  findTicketIdByRegistrationNumber,
  isChatSubscribed,
} from '../../db/queries/telegram-tickets.ts';
import { findTicket } from '../../db/queries/tickets.ts';
import { nameIn } from '../i18n/resident-texts.ts';
import { renderResidentMessage, type MessageContext } from '../notifications/resident-message.ts';
import { residentNoticePayload } from '../notifications/resident-notices.ts';
import { botTextsIn } from './bot-texts.ts';
import type { Reply } from './bot-reply.ts';
import { REGISTRATION_NUMBER, type Conversation } from './conversation.types.ts';

/**
 * The answer to /status: the appeal's state in the resident's language, with the outcome, hold
 * reason or first-contact answer that goes with it, and the link to its page; the chat's latest
 * appeal when no number is given. Anyone holding a number may ask, so a stranger is told what the
 * public status page shows; the cancel reason only reaches the chat that filed the appeal.
 */
export async function statusReply(
  db: Sql,
  c: Conversation,
  query: string,
  context: MessageContext,
): Promise<Reply> {
  const t = botTextsIn(c.locale);
  const number = query.trim().replace(/^№\s*/, '');
  let ticketId: number | null;
  if (number === '') {
    ticketId = await findLatestTicketIdOfChat(db, c.chatId);
    if (ticketId === null) return { text: t.statusUsage };
  } else if (!REGISTRATION_NUMBER.test(number)) {
    return { text: t.statusMalformed(number.length > 40 ? `${number.slice(0, 40)}…` : number) };
  } else {
    ticketId = await findTicketIdByRegistrationNumber(db, number);
    if (ticketId === null) return { text: t.statusUnknown(number) };
  }
  const ticket = await findTicket(db, ticketId);
  if (!ticket) return { text: t.statusUnknown(number) };
  const category = await findCategory(db, ticket.categoryId);
  const { cancelReason, ...shown } = residentNoticePayload(
    ticket,
    category ? nameIn(category, c.locale) : ticket.categoryId,
  );
  const own = cancelReason !== undefined && (await isChatSubscribed(db, ticket.id, c.chatId));
  const payload = own ? { ...shown, cancelReason } : shown;
  return { text: renderResidentMessage('status', c.locale, payload, context) };
}
