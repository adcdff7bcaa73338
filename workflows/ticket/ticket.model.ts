import { getShortestPaths } from 'xstate/graph';
import { ticketMachine } from './ticket.machine.ts';
import type { TicketEvent, TicketInput, TicketState } from './ticket.types.ts';

/** The delayed event that closes a resolved ticket when the confirmation window ends. */
export const CONFIRMATION_WINDOW_EVENT: TicketEvent = {
  type: 'xstate.after.confirmationWindow.ticket.resolved',
};

/**
 * One sample of every event the machine knows, with payloads that exist in the Astana reference data
 * (two agencies, so reassignment is exercised). Model-based tests walk the machine with these.
 */
export const SAMPLE_TICKET_EVENTS: readonly TicketEvent[] = [
  { type: 'ticket.register', categoryId: 'flooding' },
  { type: 'ticket.close_first_contact', answer: 'Answered during the call' },
  { type: 'ticket.assign', agencyId: 'astana-su-arnasy' },
  { type: 'ticket.assign', agencyId: 'akimat-yesil' },
  { type: 'ticket.accept' },
  { type: 'ticket.reject', reason: 'Not our network' },
  { type: 'ticket.start' },
  { type: 'ticket.hold', reason: 'Waiting for the frost to pass', until: '2026-12-01T09:00:00+05:00' },
  { type: 'ticket.resume' },
  { type: 'ticket.resolve', resolution: 'Pumped out and cleaned' },
  { type: 'ticket.reopen', reason: 'Water is back' },
  { type: 'ticket.close' },
  { type: 'ticket.cancel', reason: 'Duplicate' },
  { type: 'ticket.comment', text: 'Resident called again' },
  { type: 'ticket.merge', incidentId: 1 },
  { type: 'ticket.unmerge', reason: 'A different street' },
  { type: 'ticket.escalate', reason: 'Water is reaching the houses' },
  {
    type: 'ticket.attach',
    sha256: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
    mediaType: 'image/jpeg',
    byteSize: 1024,
  },
  CONFIRMATION_WINDOW_EVENT,
];

/** The input every model path starts from. */
export const MODEL_INPUT: TicketInput = { categoryId: 'flooding', channel: 'phone' };

/** A shortest sequence of events from a new ticket to each state the machine can reach. */
export function shortestPathsToEveryState(): { state: TicketState; events: TicketEvent[] }[] {
  const paths = getShortestPaths(ticketMachine, {
    events: SAMPLE_TICKET_EVENTS,
    input: MODEL_INPUT,
    // States differ by value only; counters in the context would make the graph endless.
    serializeState: (snapshot) => JSON.stringify(snapshot.value),
  });
  return paths.map((path) => ({
    state: path.state.value as TicketState,
    events: path.steps.map((step) => step.event).filter((event) => !event.type.startsWith('xstate.init')),
  }));
}
