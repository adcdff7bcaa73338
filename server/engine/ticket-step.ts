import type { Sql } from '../../db/client.ts';
import { findAgency, findCategory, type CategoryRow } from '../../db/queries/reference.ts';
import { takeRegistrationValue } from '../../db/queries/registration-numbers.ts';
import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { stepTicket, type TimerChanges } from '../../workflows/ticket/ticket.transition.ts';
import { FINAL_TICKET_STATES, type TicketEvent } from '../../workflows/ticket/ticket.types.ts';
import type { Actor } from '../contracts/ticket.contract.ts';
import { conflict, invalid, unknownReference } from '../errors.ts';
import { cityYear, formatRegistrationNumber } from './registration-number.ts';
import { checkMerge } from './incident-merge.ts';
import { stepDeadlines } from './sla-step.ts';
import type { SlaClockName } from '../../workflows/sla/ticket-sla.ts';

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
  /** How long after closing a resident may still dispute the outcome. */
  reopenWindowMs: number;
  /** How registration numbers are written (REGISTRATION_NUMBER_FORMAT). */
  registrationFormat?: string;
}

/** A draft after one event, the event row to append and the timers to change. */
export interface SteppedDraft {
  draft: TicketDraft;
  event: PendingEvent;
  timers: TimerChanges;
  /** Deadlines whose escalation plan changed. */
  replannedClocks: SlaClockName[];
}

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
): Promise<SteppedDraft> {
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
    mergedIntoId: step.snapshot.context.mergedIntoId,
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
      await category(event.categoryId);
      const year = cityYear(at, ctx.cityTimeZone);
      next.registrationNumber ??= formatRegistrationNumber(
        year,
        await takeRegistrationValue(tx, year),
        ctx.registrationFormat,
      );
      next.registeredAt = at;
      break;
    }
    case 'ticket.assign':
      if (!(await findAgency(tx, event.agencyId)))
        throw unknownReference({ agencyId: `no agency "${event.agencyId}"` });
      break;
    case 'ticket.hold':
      if (Date.parse(event.until) <= at.getTime()) throw invalid({ until: 'must be in the future' });
      break;
    case 'ticket.merge':
      await checkMerge(tx, ctx.ticketId, event.incidentId);
      break;
    case 'ticket.reopen':
      if (
        draft.state === 'closed' &&
        draft.closedAt &&
        at.getTime() - draft.closedAt.getTime() > ctx.reopenWindowMs
      ) {
        throw conflict(
          'reopen_window_passed',
          `The ticket closed on ${draft.closedAt.toISOString()}; a closed appeal can be disputed for ${Math.round(ctx.reopenWindowMs / 86_400_000)} days. File a new appeal instead.`,
          { currentState: draft.state, currentVersion: draft.version },
        );
      }
      break;
    default:
      break;
  }
  const sla = await stepDeadlines(tx, ctx, draft, next, event.type, at);
  const { type, ...fields } = event;
  // The deadlines a step set are part of its record, so reports judge it by what applied then.
  const payload: Record<string, unknown> = { ...fields };
  if (sla.replanned.includes('ack') && next.ackDueAt) payload.ackDueAt = next.ackDueAt.toISOString();
  if (
    sla.replanned.includes('resolve') &&
    next.resolveDueAt &&
    next.resolveDueAt.getTime() !== draft.resolveDueAt?.getTime()
  )
    payload.resolveDueAt = next.resolveDueAt.toISOString();
  return {
    draft: next,
    timers: step.timers,
    replannedClocks: sla.replanned,
    event: {
      type,
      version: next.version,
      actor_user_id: actor.userId,
      actor_role: actor.role,
      channel: actor.channel ?? (actor.userId === null ? 'system' : 'console'),
      from_state: draft.state,
      to_state: next.state,
      payload,
      created_at: at,
    },
  };
}
