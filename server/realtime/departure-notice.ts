import type { TicketChange } from '../contracts/realtime.contract.ts';

/**
 * What an agency learns of a change that took its ticket away (a reassignment, a rejection, an
 * appeal separated from its incident): that the ticket left, at which version and to whom, so its
 * console drops it. The new holder's deadlines, any later state and the events' details (reasons,
 * the new deadlines in an assignment's payload) are left out: they are the new holder's business.
 * Built from the moving events, so a replay long after the move tells the same as the live push.
 */
export function departureNotice(change: TicketChange): TicketChange {
  const last = change.events.at(-1);
  if (!last) throw new Error('a departure notice needs the event that moved the ticket');
  const { ticket } = change;
  const movedTo = typeof last.payload.agencyId === 'string' ? last.payload.agencyId : ticket.agencyId;
  return {
    seq: change.seq,
    events: change.events.map((e) => ({
      ...e,
      payload: typeof e.payload.agencyId === 'string' ? { agencyId: e.payload.agencyId } : {},
    })),
    ticket: {
      ...ticket,
      state: last.toState,
      version: last.version,
      agencyId: movedTo,
      updatedAt: last.createdAt,
      reporterName: null,
      reporterPhone: null,
      closedAt: null,
      ackDueAt: null,
      resolveDueAt: null,
      ackWarnAt: null,
      resolveWarnAt: null,
      slaPaused: false,
      mergedIntoId: null,
      acceptedEvents: [],
    },
  };
}
