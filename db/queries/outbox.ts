import type { ResidentLocale } from '../../server/contracts/common.contract.ts';
import type { Sql } from '../client.ts';

/** Channels a message can go out on. */
export const OUTBOX_CHANNELS = ['telegram', 'email', 'sms', 'connector'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** A resident to tell about a ticket. */
export interface TicketSubscriber {
  ticketId: number;
  channel: OutboxChannel;
  address: string;
  locale: ResidentLocale;
}

/** A message to queue. */
export interface NewOutboxMessage {
  ticketId: number | null;
  eventSeq: number | null;
  channel: OutboxChannel;
  address: string;
  locale: ResidentLocale;
  kind: string;
  payload: Record<string, unknown>;
}

/** A message waiting in, or delivered from, the outbox: a queued message and how its delivery stands. */
export interface OutboxMessage extends NewOutboxMessage {
  id: number;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

interface OutboxRow {
  id: number;
  ticket_id: number | null;
  event_seq: number | null;
  channel: OutboxChannel;
  address: string;
  locale: ResidentLocale;
  kind: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  ticketId: r.ticket_id,
  eventSeq: r.event_seq,
  channel: r.channel,
  address: r.address,
  locale: r.locale,
  kind: r.kind,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** Subscribes residents to a ticket; one already subscribed on that channel and address is kept. */
export async function insertSubscribers(
  db: Sql,
  subscribers: readonly TicketSubscriber[],
  at: Date,
): Promise<void> {
  if (subscribers.length === 0) return;
  await db.query(
    `insert into ticket_subscribers (ticket_id, channel, address, locale, created_at)
     select ticket_id, channel, address, locale, $2::timestamptz
     from jsonb_to_recordset($1::text::jsonb) as s(ticket_id integer, channel text, address text, locale text)
     on conflict (ticket_id, channel, address) do nothing`,
    [
      JSON.stringify(
        subscribers.map((s) => ({
          ticket_id: s.ticketId,
          channel: s.channel,
          address: s.address,
          locale: s.locale,
        })),
      ),
      at,
    ],
  );
}

/** The residents subscribed to a ticket. */
export async function listSubscribers(db: Sql, ticketId: number): Promise<TicketSubscriber[]> {
  const rows = await db.query<{
    ticket_id: number;
    channel: OutboxChannel;
    address: string;
    locale: ResidentLocale;
  }>('select ticket_id, channel, address, locale from ticket_subscribers where ticket_id = $1 order by id', [
    ticketId,
  ]);
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    channel: r.channel,
    address: r.address,
    locale: r.locale,
  }));
}

/** Queues messages for delivery from `at` on; call inside the transaction of the event behind them. */
export async function enqueueMessages(
  db: Sql,
  messages: readonly NewOutboxMessage[],
  at: Date,
): Promise<void> {
  if (messages.length === 0) return;
  await db.query(
    `insert into outbox_messages (ticket_id, event_seq, channel, address, locale, kind, payload, next_attempt_at, created_at)
     select ticket_id, event_seq, channel, address, locale, kind, payload, $2::timestamptz, $2::timestamptz
     from jsonb_to_recordset($1::text::jsonb)
       as m(ticket_id integer, event_seq bigint, channel text, address text, locale text, kind text, payload jsonb)`,
    [
      JSON.stringify(
        messages.map((m) => ({
          ticket_id: m.ticketId,
          event_seq: m.eventSeq,
          channel: m.channel,
          address: m.address,
          locale: m.locale,
          kind: m.kind,
          payload: m.payload,
        })),
      ),
      at,
    ],
  );
}

/**
 * Leases up to `limit` due messages for delivery: each gets an attempt counted and is not due again
 * before `leaseUntil`, so a worker that dies mid-delivery leaves it to be retried, and concurrent
 * workers (SKIP LOCKED) take disjoint messages.
 */
export async function leaseDueMessages(
  db: Sql,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxMessage[]> {
  const rows = await db.query<OutboxRow>(
    `update outbox_messages set attempts = attempts + 1, next_attempt_at = $2
     where id in (
       select id from outbox_messages
       where status = 'pending' and next_attempt_at <= $1
       order by next_attempt_at, id
       limit $3
       for update skip locked)
     returning *`,
    [now, leaseUntil, limit],
  );
  return rows.map(toMessage).sort((a, b) => a.id - b.id);
}

/** Records a delivery. */
export async function markMessageSent(db: Sql, id: number, at: Date): Promise<void> {
  await db.query(
    "update outbox_messages set status = 'sent', sent_at = $2, last_error = null where id = $1",
    [id, at],
  );
}

/** Records a failed attempt: retried from `retryAt`, or given up when `retryAt` is null. */
export async function markMessageFailed(
  db: Sql,
  id: number,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db.query(
    `update outbox_messages set last_error = $2,
       status = case when $3::timestamptz is null then 'failed' else 'pending' end,
       next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
     where id = $1`,
    [id, error.slice(0, 2000), retryAt],
  );
}

/** A ticket's messages, oldest first: the delivery record staff see on the ticket. */
export async function listTicketMessages(db: Sql, ticketId: number): Promise<OutboxMessage[]> {
  const rows = await db.query<OutboxRow>('select * from outbox_messages where ticket_id = $1 order by id', [
    ticketId,
  ]);
  return rows.map(toMessage);
}

/** When the next pending message may be tried, or null. */
export async function nextMessageDueAt(db: Sql): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    "select min(next_attempt_at) as at from outbox_messages where status = 'pending'",
  );
  return rows[0]?.at ?? null;
}
