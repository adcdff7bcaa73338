import { initialTransition, transition } from 'xstate';
import { ticketMachine } from './ticket.machine.ts';
import {
  TICKET_EVENT_TYPES,
  TICKET_STATES,
  type TicketContext,
  type TicketEvent,
  type TicketInput,
  type TicketState,
} from './ticket.types.ts';

/** The part of a machine snapshot worth storing: enough to rebuild it exactly. */
export interface StoredTicketSnapshot {
  value: TicketState;
  context: TicketContext;
}

/** Result of offering an event to a ticket. */
export type TicketStep =
  | { accepted: true; snapshot: StoredTicketSnapshot; changedState: boolean }
  | { accepted: false; state: TicketState };

function isTicketState(value: unknown): value is TicketState {
  return typeof value === 'string' && (TICKET_STATES as readonly string[]).includes(value);
}

function toStored(value: unknown, context: TicketContext): StoredTicketSnapshot {
  if (!isTicketState(value))
    throw new Error(`ticket machine reached an unknown state ${JSON.stringify(value)}`);
  return { value, context };
}

/** The snapshot of a brand-new ticket. */
export function startTicket(input: TicketInput): StoredTicketSnapshot {
  const [snapshot] = initialTransition(ticketMachine, input);
  return toStored(snapshot.value, snapshot.context);
}

/**
 * Offers `event` to the ticket in `stored`. An event that the current state does not handle (or whose
 * guard refuses it) is not accepted, so callers can answer with a conflict naming the state.
 */
export function stepTicket(stored: StoredTicketSnapshot, event: TicketEvent): TicketStep {
  const current = ticketMachine.resolveState({ value: stored.value, context: stored.context });
  // A final ticket takes nothing, not even the root-level comment; reopening is its own event.
  if (current.status === 'done' || !current.can(event)) return { accepted: false, state: stored.value };
  const [next] = transition(ticketMachine, current, event);
  return {
    accepted: true,
    snapshot: toStored(next.value, next.context),
    changedState: next.value !== stored.value,
  };
}

/** Event types the ticket in `stored` would accept now (guards aside); the UI offers exactly these. */
export function acceptedEventTypes(stored: StoredTicketSnapshot): TicketEvent['type'][] {
  const stateNode = ticketMachine.root.states[stored.value];
  const types = new Set<string>([...(stateNode?.ownEvents ?? []), ...ticketMachine.root.ownEvents]);
  if (stateNode?.type === 'final') return [];
  return TICKET_EVENT_TYPES.filter((type) => types.has(type));
}
