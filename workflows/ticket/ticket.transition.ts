import { initialTransition, transition } from 'xstate';
import { ticketMachine } from './ticket.machine.ts';
import {
  TICKET_EVENT_TYPES,
  TICKET_STATES,
  type TicketContext,
  type TicketEvent,
  type TicketEventType,
  type TicketInput,
  type TicketState,
  type TicketTimerEvent,
} from './ticket.types.ts';

/** The part of a machine snapshot worth storing: enough to rebuild it exactly. */
export interface StoredTicketSnapshot {
  value: TicketState;
  context: TicketContext;
}

/** Delayed events a step asks for, and delayed events it calls off, keyed by XState's send id. */
export interface TimerChanges {
  schedule: { key: string; event: TicketTimerEvent; delayMs: number }[];
  cancel: string[];
}

/** Result of offering an event to a ticket. */
export type TicketStep =
  | { accepted: true; snapshot: StoredTicketSnapshot; changedState: boolean; timers: TimerChanges }
  | { accepted: false; state: TicketState };

function isTicketState(value: unknown): value is TicketState {
  return typeof value === 'string' && (TICKET_STATES as readonly string[]).includes(value);
}

function toStored(value: unknown, context: TicketContext): StoredTicketSnapshot {
  if (!isTicketState(value))
    throw new Error(`ticket machine reached an unknown state ${JSON.stringify(value)}`);
  return { value, context };
}

interface ActionLike {
  type: string;
  params?: unknown;
}

/** Reads XState's scheduling actions (`xstate.raise` with a delay, `xstate.cancel`) into timer changes. */
export function timerChanges(actions: readonly ActionLike[]): TimerChanges {
  const changes: TimerChanges = { schedule: [], cancel: [] };
  for (const action of actions) {
    const params = (action.params ?? {}) as {
      delay?: unknown;
      id?: unknown;
      event?: unknown;
      sendId?: unknown;
    };
    if (action.type === 'xstate.raise' && typeof params.delay === 'number' && typeof params.id === 'string') {
      const event = params.event as TicketTimerEvent;
      changes.schedule.push({ key: params.id, event: { type: event.type }, delayMs: params.delay });
    } else if (action.type === 'xstate.cancel' && typeof params.sendId === 'string') {
      changes.cancel.push(params.sendId);
    }
  }
  return changes;
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
  // A final ticket takes nothing, not even the root-level comment.
  if (current.status === 'done' || !current.can(event)) return { accepted: false, state: stored.value };
  const [next, actions] = transition(ticketMachine, current, event);
  return {
    accepted: true,
    snapshot: toStored(next.value, next.context),
    changedState: next.value !== stored.value,
    timers: timerChanges(actions),
  };
}

/** Command types the ticket in `stored` would accept now (guards aside); the UI offers exactly these. */
export function acceptedEventTypes(stored: StoredTicketSnapshot): TicketEventType[] {
  const stateNode = ticketMachine.root.states[stored.value];
  if (stateNode?.type === 'final') return [];
  const types = new Set<string>([...(stateNode?.ownEvents ?? []), ...ticketMachine.root.ownEvents]);
  return TICKET_EVENT_TYPES.filter((type) => types.has(type));
}

/** Whether an event type names one of the machine's own delayed events. */
export const isTimerEventType = (type: string): type is TicketTimerEvent['type'] =>
  type.startsWith('xstate.after.');
