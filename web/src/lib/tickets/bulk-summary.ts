import type { Ticket } from '#contracts/ticket.contract.ts';
import type { BulkTicketAnswer, BulkTicketCommand } from '#contracts/bulk-ticket.contract.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The commands the console offers in bulk, with what each asks for. */
export const BULK_ACTIONS = [
  'ticket.assign',
  'ticket.escalate',
  'ticket.hold',
  'ticket.comment',
  'ticket.cancel',
] as const satisfies readonly BulkTicketCommand['command']['type'][];
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** A bulk request's size cap (the server's): a larger selection goes in several requests. */
export const BULK_CHUNK = 200;

/** A message to translate: its key and parameters. */
export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** One ticket the action failed on, with what to link to and why, in the user's words. */
export interface BulkFailure {
  ticketId: number;
  label: string;
  reason: Message;
}

/** What the console tells after a bulk action: how many succeeded, and each failure. */
export interface BulkSummary {
  succeeded: number;
  failures: BulkFailure[];
}

/** Why a ticket was refused, from the code the server answered (the single route's codes). */
function reasonFor(error: Extract<BulkTicketAnswer['results'][number], { ok: false }>['error']): Message {
  const state = error.currentState ?? '';
  switch (error.code) {
    case 'stale_version':
      return { key: 'console.bulk.reason.stale', params: { state } };
    case 'event_not_accepted':
      return { key: 'console.bulk.reason.notAccepted', params: { state } };
    case 'forbidden':
      return { key: 'console.bulk.reason.forbidden' };
    case 'not_found':
      return { key: 'console.bulk.reason.notFound' };
    default:
      return { key: 'console.bulk.reason.other', params: { message: error.message } };
  }
}

/**
 * Adds up the answers of a bulk action (one per request of up to 200 tickets); failures are labelled
 * by registration number when the list knows the ticket.
 */
export function summarize(
  answers: readonly BulkTicketAnswer[],
  tickets: readonly Pick<Ticket, 'id' | 'registrationNumber'>[],
): BulkSummary {
  const known = new Map(tickets.map((t) => [t.id, t]));
  const results = answers.flatMap((a) => a.results);
  return {
    succeeded: results.filter((r) => r.ok).length,
    failures: results.flatMap((r) =>
      r.ok
        ? []
        : [
            {
              ticketId: r.ticketId,
              label: known.get(r.ticketId)?.registrationNumber ?? `#${r.ticketId}`,
              reason: reasonFor(r.error),
            },
          ],
    ),
  };
}

/** Splits a selection into requests the server accepts. */
export function chunks<T>(items: readonly T[], size = BULK_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
