/** Every state a ticket can be in; tests and the UI enumerate this list. */
export const TICKET_STATES = [
  'received',
  'registered',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'closed_first_contact',
  'cancelled',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** States in which a ticket no longer needs anyone's work. */
export const FINAL_TICKET_STATES = [
  'closed',
  'closed_first_contact',
  'cancelled',
] as const satisfies readonly TicketState[];

/** Channels through which an appeal reaches the centre. */
export const TICKET_CHANNELS = ['phone', 'telegram', 'social', 'web', 'open311'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** Events the ticket machine accepts: a discriminated union, one member per command. */
export type TicketEvent =
  | { type: 'ticket.register'; categoryId: string }
  | { type: 'ticket.close_first_contact'; answer: string }
  | { type: 'ticket.assign'; agencyId: string }
  | { type: 'ticket.start' }
  | { type: 'ticket.resolve'; resolution: string }
  | { type: 'ticket.close' }
  | { type: 'ticket.cancel'; reason: string }
  | { type: 'ticket.comment'; text: string };
export type TicketEventType = TicketEvent['type'];

/** Every event type, as data. */
export const TICKET_EVENT_TYPES = [
  'ticket.register',
  'ticket.close_first_contact',
  'ticket.assign',
  'ticket.start',
  'ticket.resolve',
  'ticket.close',
  'ticket.cancel',
  'ticket.comment',
] as const satisfies readonly TicketEventType[];

/** What the machine remembers between events; persisted inside the snapshot. */
export interface TicketContext {
  categoryId: string;
  channel: TicketChannel;
  agencyId: string | null;
  resolution: string | null;
  firstContactAnswer: string | null;
  cancelReason: string | null;
  commentCount: number;
}

/** What a new ticket machine starts from. */
export interface TicketInput {
  categoryId: string;
  channel: TicketChannel;
}
