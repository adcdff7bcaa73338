import type { Sql } from '../../db/client.ts';
import { findAgency } from '../../db/queries/reference.ts';
import { TicketState, type Ticket, type TicketCommand } from '../contracts/ticket.contract.ts';
import {
  type BulkTicketAnswer,
  type BulkTicketCommand,
  type BulkTicketResult,
} from '../contracts/bulk-ticket.contract.ts';
import { DomainError, invalid, unknownReference } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Applies one command to one ticket as the single-ticket route would (access, engine, push). */
export type ApplyOne = (ticketId: number, command: TicketCommand) => Promise<Ticket>;

/**
 * Checks what is the same for every ticket before touching any: a hold must end in the future and an
 * assignment must name an agency that exists, so such a request is one 400/422 rather than N refusals.
 */
export async function checkBulkCommand(db: Sql, command: BulkTicketCommand['command'], now: Date) {
  if (command.type === 'ticket.hold' && Date.parse(command.until) <= now.getTime())
    throw invalid({ 'command.until': 'must be in the future' });
  if (command.type === 'ticket.assign' && !(await findAgency(db, command.agencyId)))
    throw unknownReference({ 'command.agencyId': `no agency "${command.agencyId}"` });
}

/**
 * Applies the command to each ticket in turn, each in its own transaction, in the order named: one
 * refusal (a stale version, a state that does not accept it, a ticket the viewer may not touch) does
 * not stop the others. Each refusal carries the status and code the single route would answer.
 */
export async function applyBulk(
  body: BulkTicketCommand,
  apply: ApplyOne,
  logger: Logger,
): Promise<BulkTicketAnswer> {
  const results: BulkTicketResult[] = [];
  for (const item of body.ticketIds) {
    const ticketId = typeof item === 'number' ? item : item.id;
    const command: TicketCommand =
      typeof item === 'number' ? body.command : { ...body.command, expectedVersion: item.expectedVersion };
    try {
      const ticket = await apply(ticketId, command);
      results.push({ ticketId, ok: true, version: ticket.version, state: ticket.state });
    } catch (err) {
      results.push({ ticketId, ok: false, error: refusal(err, ticketId, logger) });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

/** A ticket's error as the bulk answer carries it; an unexpected one is logged and reported as internal. */
function refusal(
  err: unknown,
  ticketId: number,
  logger: Logger,
): Extract<BulkTicketResult, { ok: false }>['error'] {
  if (!(err instanceof DomainError)) {
    logger.error({ err, ticketId }, 'bulk command failed on a ticket');
    return {
      status: 500,
      code: 'internal',
      message: 'Something went wrong on the server; it has been logged.',
    };
  }
  const { currentVersion } = err.extra;
  const currentState = TicketState.safeParse(err.extra['currentState']);
  return {
    status: err.status,
    code: err.code,
    message: err.message,
    ...(err.fields && { fields: err.fields }),
    ...(currentState.success && { currentState: currentState.data }),
    ...(typeof currentVersion === 'number' && { currentVersion }),
  };
}
