/** Every state a ticket can be in; tests and the UI enumerate this list. */
export const TICKET_STATES = [
  'received',
  'registered',
  'assigned',
  'accepted',
  'in_progress',
  'on_hold',
  'merged',
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

/** Commands people and integrations send: a discriminated union, one member per command. */
export type TicketCommandEvent =
  | { type: 'ticket.register'; categoryId: string }
  | { type: 'ticket.close_first_contact'; answer: string }
  | { type: 'ticket.assign'; agencyId: string }
  | { type: 'ticket.accept' }
  | { type: 'ticket.reject'; reason: string }
  | { type: 'ticket.start' }
  | { type: 'ticket.hold'; reason: string; until: string }
  | { type: 'ticket.resume' }
  | { type: 'ticket.resolve'; resolution: string }
  | { type: 'ticket.reopen'; reason: string }
  | { type: 'ticket.close' }
  | { type: 'ticket.cancel'; reason: string }
  | { type: 'ticket.comment'; text: string }
  | { type: 'ticket.merge'; incidentId: number }
  | { type: 'ticket.unmerge'; reason: string }
  | { type: 'ticket.escalate'; reason: string }
  | { type: 'ticket.attach'; sha256: string; mediaType: string; byteSize: number };

/**
 * Events the machine raises for itself after a delay (`after`); the engine stores each as a
 * durable timer and applies it when due. Their names are XState's.
 */
export type TicketTimerEvent = { type: `xstate.after.${string}` };

/** Everything the ticket machine accepts. */
export type TicketEvent = TicketCommandEvent | TicketTimerEvent;
export type TicketEventType = TicketCommandEvent['type'];

/** Every command type, as data. */
export const TICKET_EVENT_TYPES = [
  'ticket.register',
  'ticket.close_first_contact',
  'ticket.assign',
  'ticket.accept',
  'ticket.reject',
  'ticket.start',
  'ticket.hold',
  'ticket.resume',
  'ticket.resolve',
  'ticket.reopen',
  'ticket.close',
  'ticket.cancel',
  'ticket.comment',
  'ticket.merge',
  'ticket.unmerge',
  'ticket.escalate',
  'ticket.attach',
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
  /** Agencies that sent the ticket back as not theirs. */
  misrouteCount: number;
  /** Times a resident disputed a resolution. */
  reopenCount: number;
  /** Times a person escalated the ticket by hand. */
  escalationCount: number;
  /** Photos and files attached from any channel. */
  attachmentCount: number;
  holdReason: string | null;
  /** When the agency expects to resume (ISO), while on hold. */
  holdUntil: string | null;
  /** The incident this ticket was merged into (its resolution resolves this one too). */
  mergedIntoId: number | null;
  /** How long a resident may dispute a resolution before the ticket closes by itself. */
  confirmationWindowMs: number;
}

/** What a new ticket machine starts from. */
export interface TicketInput {
  categoryId: string;
  channel: TicketChannel;
  confirmationWindowMs?: number;
}

/** Three days to dispute a resolution unless configured otherwise. */
export const DEFAULT_CONFIRMATION_WINDOW_MS = 72 * 3600_000;
