import type { SessionUser } from '../contracts/auth.contract.ts';
import type { TicketEventType } from '../../workflows/ticket/ticket.types.ts';
import { TICKET_EVENT_TYPES } from '../../workflows/ticket/ticket.types.ts';
import { forbidden } from '../errors.ts';

/** Who is asking: a logged-in user. Services take it first and check access before anything else. */
export type Viewer = SessionUser;

// Attachments are recorded by uploading a file (POST /api/tickets/:id/attachments), never sent as a command.
const STAFF_EVENTS: readonly TicketEventType[] = TICKET_EVENT_TYPES.filter(
  (type) => type !== 'ticket.attach',
);
// Operators take calls: they register, answer, route, and record a resident's dispute.
const OPERATOR_EVENTS: readonly TicketEventType[] = [
  'ticket.register',
  'ticket.close_first_contact',
  'ticket.assign',
  'ticket.reopen',
  'ticket.close',
  'ticket.cancel',
  'ticket.comment',
  'ticket.merge',
  'ticket.unmerge',
  'ticket.escalate',
];
// Agency staff work the ticket, or send it back as not theirs; routing and cancelling stay with the centre.
const AGENCY_EVENTS: readonly TicketEventType[] = [
  'ticket.accept',
  'ticket.reject',
  'ticket.start',
  'ticket.hold',
  'ticket.resume',
  'ticket.resolve',
  'ticket.comment',
  'ticket.escalate',
];

/** Event types a role may send at all. */
export function eventsAllowedFor(viewer: Viewer): readonly TicketEventType[] {
  switch (viewer.role) {
    case 'admin':
    case 'supervisor':
      return STAFF_EVENTS;
    case 'operator':
      return OPERATOR_EVENTS;
    case 'agency':
      return AGENCY_EVENTS;
    case 'display':
      return [];
  }
}

/** Whether the viewer may see a ticket routed to `agencyId`. Agency staff see their agency's tickets only. */
export function canSeeTicket(viewer: Viewer, agencyId: string | null): boolean {
  return viewer.role !== 'agency' || (agencyId !== null && agencyId === viewer.agencyId);
}

/** Throws 403 unless the viewer is an administrator; `what` completes "Only administrators …". */
export function requireAdmin(viewer: Viewer, what: string): void {
  if (viewer.role !== 'admin') throw forbidden(`Only administrators ${what}.`);
}

/** Whether the viewer may register new appeals. */
export const canCreateTickets = (viewer: Viewer) => ['admin', 'supervisor', 'operator'].includes(viewer.role);

/** Wall screens show no resident's name or phone; staff who act on a ticket do see them. */
export const canSeePersonalData = (viewer: Viewer) => viewer.role !== 'display';

/** The Socket.IO rooms a viewer joins at connection. */
export function roomsFor(viewer: Viewer): string[] {
  return viewer.role === 'agency' && viewer.agencyId ? [agencyRoom(viewer.agencyId)] : [WALL_ROOM];
}

/** Every change goes to the wall room, which admins, supervisors, operators and displays join. */
export const WALL_ROOM = 'wall:all';
/** One room per user, so the server can close a user's sockets when access ends. */
export const userRoom = (userId: number) => `user:${userId}`;
/** One room per agency, for that agency's staff. */
export const agencyRoom = (agencyId: string) => `agency:${agencyId}`;
