import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { isSlaRunning } from '../../workflows/sla/sla-clock.ts';
import { acceptedEventTypes } from '../../workflows/ticket/ticket.transition.ts';
import { canSeePersonalData, eventsAllowedFor, type Viewer } from '../auth/access.ts';
import type { Ticket, TicketEventRecord } from '../contracts/ticket.contract.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The wire form of a ticket for `viewer` (null: a broadcast, which never carries personal data).
 * `acceptedEvents` lists what the state accepts and the viewer may send: the buttons a console shows.
 */
export function toTicketDto(t: TicketRecord, viewer: Viewer | null): Ticket {
  const personal = viewer !== null && canSeePersonalData(viewer);
  const allowed = viewer ? eventsAllowedFor(viewer) : [];
  return {
    id: t.id,
    registrationNumber: t.registrationNumber,
    state: t.state,
    version: t.version,
    categoryId: t.categoryId,
    agencyId: t.agencyId,
    districtId: t.districtId,
    channel: t.channel,
    lat: t.lat,
    lon: t.lon,
    address: t.address,
    description: t.description,
    reporterName: personal ? t.reporterName : null,
    reporterPhone: personal ? t.reporterPhone : null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    registeredAt: iso(t.registeredAt),
    closedAt: iso(t.closedAt),
    ackDueAt: iso(t.ackDueAt),
    resolveDueAt: iso(t.resolveDueAt),
    priority: t.priority,
    ackWarnAt: iso(t.ackWarnAt),
    resolveWarnAt: iso(t.resolveWarnAt),
    slaPaused: t.sla?.resolve ? t.sla.resolve.outcome === null && !isSlaRunning(t.sla.resolve) : false,
    mergedIntoId: t.mergedIntoId,
    acceptedEvents: acceptedEventTypes(t.snapshot).filter((type) => allowed.includes(type)),
  };
}

/** The wire form of an event row; `names` maps actor user ids to display names. */
export function toEventDto(e: TicketEventRow, names: ReadonlyMap<number, string>): TicketEventRecord {
  return {
    seq: e.seq,
    ticketId: e.ticket_id,
    type: e.type,
    version: e.version,
    actorUserId: e.actor_user_id,
    actorName: e.actor_user_id === null ? null : (names.get(e.actor_user_id) ?? null),
    actorRole: e.actor_role,
    channel: e.channel,
    fromState: e.from_state,
    toState: e.to_state,
    payload: e.payload,
    createdAt: e.created_at.toISOString(),
  };
}
