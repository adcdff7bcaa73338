import { describe, expect, it, vi } from 'vitest';
import type { Ticket, TicketCommand } from '../contracts/ticket.contract.ts';
import { conflict, forbidden } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { applyBulk } from './ticket-bulk.ts';

const logger = { error: vi.fn() } as unknown as Logger;

describe('applyBulk', () => {
  it('applies the command to each ticket in order, with its own expected version, and goes on after a refusal', async () => {
    const seen: [number, TicketCommand][] = [];
    const apply = async (id: number, command: TicketCommand) => {
      seen.push([id, command]);
      if (id === 2)
        throw conflict('stale_version', 'moved on', { currentState: 'accepted', currentVersion: 7 });
      if (id === 3) throw forbidden('not yours');
      if (id === 4) throw new Error('disk full');
      return { id, version: 5, state: 'assigned' } as Ticket;
    };
    const answer = await applyBulk(
      {
        ticketIds: [1, { id: 2, expectedVersion: 6 }, 3, 4],
        command: { type: 'ticket.comment', text: 'Hi' },
      },
      apply,
      logger,
    );
    expect(seen).toEqual([
      [1, { type: 'ticket.comment', text: 'Hi' }],
      [2, { type: 'ticket.comment', text: 'Hi', expectedVersion: 6 }],
      [3, { type: 'ticket.comment', text: 'Hi' }],
      [4, { type: 'ticket.comment', text: 'Hi' }],
    ]);
    expect(answer).toEqual({
      succeeded: 1,
      failed: 3,
      results: [
        { ticketId: 1, ok: true, version: 5, state: 'assigned' },
        {
          ticketId: 2,
          ok: false,
          error: {
            status: 409,
            code: 'stale_version',
            message: 'moved on',
            currentState: 'accepted',
            currentVersion: 7,
          },
        },
        { ticketId: 3, ok: false, error: { status: 403, code: 'forbidden', message: 'not yours' } },
        {
          ticketId: 4,
          ok: false,
          error: {
            status: 500,
            code: 'internal',
            message: 'Something went wrong on the server; it has been logged.',
          },
        },
      ],
    });
    // The unexpected failure is logged with its ticket; its details never reach the answer.
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ ticketId: 4 }), expect.any(String));
  });
});
