import type { Sql } from '../../db/client.ts';
import { enqueueMessages, listSubscribers, type NewOutboxMessage } from '../../db/queries/outbox.ts';
import { findCategory } from '../../db/queries/reference.ts';
import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { nameIn } from '../i18n/resident-texts.ts';

/** What a resident's message about a ticket says: the facts its template needs, in their language. */
export interface ResidentNoticePayload {
  registrationNumber: string | null;
  state: TicketRecord['state'];
  categoryName: string;
  resolution?: string;
  holdReason?: string;
  holdUntil?: string;
  cancelReason?: string;
  answer?: string;
}

/**
 * Queues, in the transaction that changed the ticket, one message to each resident subscribed to it:
 * `registered` for a new ticket, `state_changed` when the transaction moved it to another state.
 * Comments, escalations and other steps that leave the state alone tell residents nothing.
 */
export async function queueResidentNotices(
  tx: Sql,
  ticket: TicketRecord,
  events: readonly TicketEventRow[],
  at: Date,
): Promise<void> {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last) return;
  const created = first.type === 'ticket.create';
  if (!created && first.from_state === last.to_state) return;
  const subscribers = await listSubscribers(tx, ticket.id);
  if (subscribers.length === 0) return;
  const category = await findCategory(tx, ticket.categoryId);
  const messages: NewOutboxMessage[] = subscribers.map((s) => ({
    ticketId: ticket.id,
    eventSeq: last.seq,
    channel: s.channel,
    address: s.address,
    locale: s.locale,
    kind: created ? 'registered' : 'state_changed',
    payload: { ...residentNoticePayload(ticket, category ? nameIn(category, s.locale) : ticket.categoryId) },
  }));
  await enqueueMessages(tx, messages, at);
}

/**
 * What a resident is told about a ticket as it stands: its number, state and category, and the
 * outcome, hold reason, cancel reason or answer that goes with that state. Also the answer to a
 * resident who asks for the status (the Telegram bot's /status).
 */
export function residentNoticePayload(ticket: TicketRecord, categoryName: string): ResidentNoticePayload {
  const c = ticket.snapshot.context;
  return {
    registrationNumber: ticket.registrationNumber,
    state: ticket.state,
    categoryName,
    ...(ticket.state === 'resolved' && c.resolution && { resolution: c.resolution }),
    ...(ticket.state === 'on_hold' && c.holdReason && { holdReason: c.holdReason }),
    ...(ticket.state === 'on_hold' && c.holdUntil && { holdUntil: c.holdUntil }),
    ...(ticket.state === 'cancelled' && c.cancelReason && { cancelReason: c.cancelReason }),
    ...(ticket.state === 'closed_first_contact' && c.firstContactAnswer && { answer: c.firstContactAnswer }),
  };
}
