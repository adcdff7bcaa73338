import type { Sql } from '../../db/client.ts';
import {
  countMergedTickets,
  findMergedTicketsForUpdate,
  findTicket,
  lockTicketsInOrder,
  type TicketRecord,
} from '../../db/queries/tickets.ts';
import {
  FINAL_TICKET_STATES,
  type TicketEvent,
  type TicketState,
} from '../../workflows/ticket/ticket.types.ts';
import { conflict, invalid, unknownReference } from '../errors.ts';

/** States an incident can take merged appeals in: open, and not yet resolved. */
const INCIDENT_OPEN_STATES: readonly TicketState[] = [
  'registered',
  'assigned',
  'accepted',
  'in_progress',
  'on_hold',
];

/**
 * Checks that ticket `ticketId` may be merged into `incidentId`: another ticket that exists, is still
 * being worked on and is not itself merged (incidents do not nest), while nothing waits merged into
 * `ticketId` itself.
 */
export async function checkMerge(tx: Sql, ticketId: number | undefined, incidentId: number): Promise<void> {
  if (ticketId === undefined || incidentId === ticketId)
    throw invalid({ incidentId: 'must be another ticket than this one' });
  // Locked already (lockForMerge): it cannot be resolved or cancelled until this merge commits.
  const incident = await findTicket(tx, incidentId);
  if (!incident) throw unknownReference({ incidentId: `no ticket ${incidentId}` });
  if (!INCIDENT_OPEN_STATES.includes(incident.state)) {
    throw conflict(
      'incident_not_open',
      incident.state === 'merged'
        ? `Ticket ${incident.registrationNumber ?? incidentId} is itself merged into ticket ${incident.mergedIntoId}; merge into that one.`
        : `Ticket ${incident.registrationNumber ?? incidentId} is ${incident.state}; appeals merge only into an incident still being worked on.`,
      { currentState: incident.state },
    );
  }
  if ((await countMergedTickets(tx, ticketId)) > 0) {
    throw conflict(
      'has_merged_tickets',
      'Other appeals are merged into this ticket: it is an incident itself and cannot be merged.',
    );
  }
}

/**
 * Locks a ticket about to be merged together with its incident, in id order: the incident cannot be
 * resolved or cancelled before the merge commits, and two tickets merging into each other at once
 * take turns instead of deadlocking. Returns the ticket.
 */
export async function lockForMerge(
  tx: Sql,
  ticketId: number,
  incidentId: number,
): Promise<TicketRecord | undefined> {
  const locked = await lockTicketsInOrder(tx, [ticketId, incidentId]);
  return locked.find((t) => t.id === ticketId);
}

/** An event a merged ticket must follow its incident with. */
export interface FollowUp {
  ticket: TicketRecord;
  event: TicketEvent;
}

/**
 * What the incident's step means for the tickets merged into it: resolving it resolves them with its
 * resolution; cancelling it separates them again, to be routed on their own. Locks them.
 */
export async function followUpsOf(
  tx: Sql,
  incident: TicketRecord,
  fromState: TicketState,
): Promise<FollowUp[]> {
  if (incident.state === fromState) return [];
  const label = incident.registrationNumber ?? String(incident.id);
  if (incident.state === 'resolved') {
    const resolution = incident.snapshot.context.resolution ?? `Resolved with incident ${label}`;
    return (await findMergedTicketsForUpdate(tx, incident.id)).map((ticket) => ({
      ticket,
      event: { type: 'ticket.resolve', resolution },
    }));
  }
  if ((FINAL_TICKET_STATES as readonly string[]).includes(incident.state)) {
    return (await findMergedTicketsForUpdate(tx, incident.id)).map((ticket) => ({
      ticket,
      event: { type: 'ticket.unmerge', reason: `Incident ${label} was ${incident.state}` },
    }));
  }
  return [];
}
