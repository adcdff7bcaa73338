import type { Sql } from '../../db/client.ts';
import { findAgency, findCategory, type CategoryRow } from '../../db/queries/reference.ts';
import { takeRegistrationValue } from '../../db/queries/registration-numbers.ts';
import { lastEventOfType, type TicketEventRow } from '../../db/queries/ticket-events.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { stepTicket, type TimerChanges } from '../../workflows/ticket/ticket.transition.ts';
import { FINAL_TICKET_STATES, type TicketEvent } from '../../workflows/ticket/ticket.types.ts';
import type { Actor } from '../contracts/ticket.contract.ts';
import { conflict, invalid, unknownReference } from '../errors.ts';
import { cityYear, formatRegistrationNumber } from './registration-number.ts';

/** A ticket being changed inside a transaction, before it is written. */
export type TicketDraft = Omit<TicketRecord, 'id'>;

/** An event row waiting for its ticket id and sequence number. */
export type PendingEvent = Omit<TicketEventRow, 'seq' | 'ticket_id'>;

/** What stepping needs besides the draft: the city's zone, and a category already loaded (saves a query). */
export interface StepContext {
  cityTimeZone: string;
  category?: CategoryRow;
  /** The stored ticket's id; absent while a new ticket is being built. */
  ticketId?: number;
}

const MINUTE_MS = 60_000;
const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS);
const isFinal = (state: string) => (FINAL_TICKET_STATES as readonly string[]).includes(state);

/**
 * Offers `event` to the draft: steps the machine, derives the stored fields the event changes
 * (registration number, deadlines, agency), and returns the event row to append. Nothing is
 * written here; the caller writes the ticket and all its events once, at the end.
 */
export async function stepDraft(
  tx: Sql,
  ctx: StepContext,
  draft: TicketDraft,
  event: TicketEvent,
  actor: Actor,
  at: Date,
): Promise<{ draft: TicketDraft; event: PendingEvent; timers: TimerChanges }> {
  const step = stepTicket(draft.snapshot, event);
  if (!step.accepted) {
    throw conflict(
      'event_not_accepted',
      `A ticket in state "${step.state}" does not accept "${event.type}".`,
      {
        currentState: step.state,
        currentVersion: draft.version,
      },
    );
  }
  const next: TicketDraft = {
    ...draft,
    state: step.snapshot.value,
    snapshot: step.snapshot,
    version: draft.version + 1,
    categoryId: step.snapshot.context.categoryId,
    agencyId: step.snapshot.context.agencyId,
    updatedAt: at,
    closedAt: isFinal(step.snapshot.value) ? at : null,
  };
  const category = async (id: string) => {
    const found = ctx.category?.id === id ? ctx.category : await findCategory(tx, id);
    if (!found) throw unknownReference({ categoryId: `no category "${id}"` });
    return found;
  };
  switch (event.type) {
    case 'ticket.register': {
      const { resolve_deadline_minutes } = await category(event.categoryId);
      const year = cityYear(at, ctx.cityTimeZone);
      next.registrationNumber ??= formatRegistrationNumber(year, await takeRegistrationValue(tx, year));
      next.registeredAt = at;
      next.resolveDueAt = addMinutes(at, resolve_deadline_minutes);
      break;
    }
    case 'ticket.assign': {
      if (!(await findAgency(tx, event.agencyId)))
        throw unknownReference({ agencyId: `no agency "${event.agencyId}"` });
      next.ackDueAt = addMinutes(at, (await category(next.categoryId)).ack_deadline_minutes);
      break;
    }
    case 'ticket.accept':
    case 'ticket.start':
      // Either one is the agency's acknowledgement.
      next.ackDueAt = null;
      break;
    case 'ticket.reject':
      next.ackDueAt = null;
      break;
    case 'ticket.hold':
      if (Date.parse(event.until) <= at.getTime()) throw invalid({ until: 'must be in the future' });
      break;
    case 'ticket.resume': {
      // The resolution clock stood still while on hold: push the deadline by the time paused.
      const heldSince =
        ctx.ticketId === undefined
          ? null
          : ((await lastEventOfType(tx, ctx.ticketId, 'ticket.hold'))?.created_at ?? null);
      if (next.resolveDueAt && heldSince) {
        next.resolveDueAt = new Date(next.resolveDueAt.getTime() + (at.getTime() - heldSince.getTime()));
      }
      break;
    }
    case 'ticket.reopen': {
      const c = await category(next.categoryId);
      next.ackDueAt = addMinutes(at, c.ack_deadline_minutes);
      next.resolveDueAt = addMinutes(at, c.resolve_deadline_minutes);
      break;
    }
    default:
      break;
  }
  const { type, ...payload } = event;
  return {
    draft: next,
    timers: step.timers,
    event: {
      type,
      version: next.version,
      actor_user_id: actor.userId,
      actor_role: actor.role,
      from_state: draft.state,
      to_state: next.state,
      payload,
      created_at: at,
    },
  };
}
