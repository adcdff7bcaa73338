import { describe, expect, it } from 'vitest';
import { ticketMachine } from './ticket.machine.ts';
import { MODEL_INPUT, SAMPLE_TICKET_EVENTS, shortestPathsToEveryState } from './ticket.model.ts';
import { startTicket, stepTicket, type StoredTicketSnapshot } from './ticket.transition.ts';
import { FINAL_TICKET_STATES, TICKET_STATES } from './ticket.types.ts';

/** Every transition the machine declares, as "state --event--> target". */
function declaredTransitions(): Set<string> {
  const declared = new Set<string>();
  for (const [name, node] of Object.entries(ticketMachine.root.states)) {
    for (const [eventType, transitions] of node.transitions) {
      for (const t of transitions) {
        const target = t.target?.[0]?.key ?? name;
        declared.add(`${name} --${eventType}--> ${target}`);
      }
    }
    if (node.type === 'final') continue;
    for (const [eventType, transitions] of ticketMachine.root.transitions) {
      for (const t of transitions) declared.add(`${name} --${eventType}--> ${t.target?.[0]?.key ?? name}`);
    }
  }
  return declared;
}

describe('ticket machine, model-based', () => {
  const paths = shortestPathsToEveryState();

  it('reaches every declared state by some path', () => {
    expect(new Set(paths.map((p) => p.state))).toEqual(new Set(TICKET_STATES));
  });

  it('takes every declared transition from some reachable state', () => {
    const taken = new Set<string>();
    for (const { events } of paths) {
      let snapshot: StoredTicketSnapshot = startTicket(MODEL_INPUT);
      for (const event of events) {
        const step = stepTicket(snapshot, event);
        if (!step.accepted) throw new Error(`path event ${event.type} refused in ${snapshot.value}`);
        snapshot = step.snapshot;
      }
      for (const probe of SAMPLE_TICKET_EVENTS) {
        const step = stepTicket(snapshot, probe);
        if (step.accepted) taken.add(`${snapshot.value} --${probe.type}--> ${step.snapshot.value}`);
      }
    }
    expect([...taken].sort()).toEqual([...declaredTransitions()].sort());
  });

  it('accepts nothing in a final state but a dispute of a closed ticket', () => {
    for (const { state, events } of paths.filter((p) =>
      (FINAL_TICKET_STATES as readonly string[]).includes(p.state),
    )) {
      const snapshot = events.reduce<StoredTicketSnapshot>((s, e) => {
        const step = stepTicket(s, e);
        return step.accepted ? step.snapshot : s;
      }, startTicket(MODEL_INPUT));
      expect(snapshot.value).toBe(state);
      for (const probe of SAMPLE_TICKET_EVENTS) {
        const disputesClosed = state === 'closed' && probe.type === 'ticket.reopen';
        expect(stepTicket(snapshot, probe).accepted, `${state} ${probe.type}`).toBe(disputesClosed);
      }
    }
  });
});
