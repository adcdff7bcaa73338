import { z } from 'zod';
import { TicketCommand, TicketState } from './ticket.contract.ts';

/** The most tickets one bulk request may name. */
export const BULK_MAX_TICKETS = 200;

const BulkTicketId = z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(2_147_483_647);

/**
 * POST /api/tickets/bulk: one command for many tickets, each applied in its own transaction. A ticket
 * is an id, or `{ id, expectedVersion }` to refuse it (409) when it changed since the user saw it.
 */
export const BulkTicketCommand = z
  .object({
    ticketIds: z
      .array(
        z.union(
          [BulkTicketId, z.object({ id: BulkTicketId, expectedVersion: z.number().int().min(1) }).strict()],
          { error: 'must be a ticket id, or { id, expectedVersion }' },
        ),
      )
      .min(1, 'must name at least one ticket')
      .max(BULK_MAX_TICKETS, `must name at most ${BULK_MAX_TICKETS} tickets`)
      .refine(
        (items) => new Set(items.map((t) => (typeof t === 'number' ? t : t.id))).size === items.length,
        'must not name a ticket twice',
      ),
    command: TicketCommand.refine((c) => c.expectedVersion === undefined, {
      message: 'goes with each ticket in ticketIds',
      path: ['expectedVersion'],
    }).refine((c) => c.type !== 'ticket.attach', {
      message: 'cannot be sent in bulk: upload files to one ticket at a time',
      path: ['type'],
    }),
  })
  .strict();
export type BulkTicketCommand = z.infer<typeof BulkTicketCommand>;

/** What a refused ticket of a bulk request got: the error the single command would have answered. */
export const BulkTicketError = z.object({
  status: z.number().int(),
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  currentState: TicketState.optional(),
  currentVersion: z.number().int().optional(),
});

/** One ticket's outcome in a bulk answer, in the order the request named them. */
export const BulkTicketResult = z.discriminatedUnion('ok', [
  z.object({
    ticketId: z.number().int(),
    ok: z.literal(true),
    version: z.number().int(),
    state: TicketState,
  }),
  z.object({ ticketId: z.number().int(), ok: z.literal(false), error: BulkTicketError }),
]);
export type BulkTicketResult = z.infer<typeof BulkTicketResult>;

/** The answer of POST /api/tickets/bulk (200 even when some or all tickets were refused). */
export const BulkTicketAnswer = z.object({
  results: z.array(BulkTicketResult),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
export type BulkTicketAnswer = z.infer<typeof BulkTicketAnswer>;
