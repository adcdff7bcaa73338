import { describe, expect, it } from 'vitest';
import {
  acceptedEventTypes,
  startTicket,
  stepTicket,
  type StoredTicketSnapshot,
} from './ticket.transition.ts';
import type { TicketEvent } from './ticket.types.ts';

const fresh = () => startTicket({ categoryId: 'flooding', channel: 'phone' });

function run(events: TicketEvent[], from: StoredTicketSnapshot = fresh()): StoredTicketSnapshot {
  return events.reduce((snapshot, event) => {
    const step = stepTicket(snapshot, event);
    if (!step.accepted) throw new Error(`${event.type} refused in ${step.state}`);
    return step.snapshot;
  }, from);
}

describe('ticket machine', () => {
  it('starts received with the channel and category of its input', () => {
    expect(fresh()).toMatchObject({
      value: 'received',
      context: { categoryId: 'flooding', channel: 'phone' },
    });
  });

  it('walks the full lifecycle from receipt to closure', () => {
    const closed = run([
      { type: 'ticket.register', categoryId: 'open-manhole' },
      { type: 'ticket.assign', agencyId: 'astana-su' },
      { type: 'ticket.start' },
      { type: 'ticket.resolve', resolution: 'Cover replaced' },
      { type: 'ticket.close' },
    ]);
    expect(closed.value).toBe('closed');
    expect(closed.context).toMatchObject({
      categoryId: 'open-manhole',
      agencyId: 'astana-su',
      resolution: 'Cover replaced',
    });
  });

  it('closes on first contact from registered and keeps the answer', () => {
    const done = run([
      { type: 'ticket.register', categoryId: 'status-enquiry' },
      { type: 'ticket.close_first_contact', answer: 'Told the caller the crew arrives today' },
    ]);
    expect(done.value).toBe('closed_first_contact');
    expect(done.context.firstContactAnswer).toMatch(/crew/);
  });

  it.each(['received', 'registered', 'assigned', 'in_progress'] as const)(
    'cancels from %s with a reason',
    (state) => {
      const path: TicketEvent[] = [
        { type: 'ticket.register', categoryId: 'flooding' },
        { type: 'ticket.assign', agencyId: 'astana-su' },
        { type: 'ticket.start' },
      ];
      const at = run(path.slice(0, ['received', 'registered', 'assigned', 'in_progress'].indexOf(state)));
      expect(at.value).toBe(state);
      const cancelled = run([{ type: 'ticket.cancel', reason: 'spam' }], at);
      expect(cancelled).toMatchObject({ value: 'cancelled', context: { cancelReason: 'spam' } });
    },
  );

  it('refuses an event the state does not accept and names the current state', () => {
    expect(stepTicket(fresh(), { type: 'ticket.start' })).toEqual({ accepted: false, state: 'received' });
    const closed = run([
      { type: 'ticket.register', categoryId: 'flooding' },
      { type: 'ticket.close_first_contact', answer: 'ok' },
    ]);
    expect(stepTicket(closed, { type: 'ticket.comment', text: 'late' })).toEqual({
      accepted: false,
      state: 'closed_first_contact',
    });
  });

  it('reassigns to another agency but refuses a reassignment to the same one', () => {
    const assigned = run([
      { type: 'ticket.register', categoryId: 'flooding' },
      { type: 'ticket.assign', agencyId: 'astana-su' },
    ]);
    expect(stepTicket(assigned, { type: 'ticket.assign', agencyId: 'astana-su' }).accepted).toBe(false);
    const moved = run([{ type: 'ticket.assign', agencyId: 'akimat-yesil' }], assigned);
    expect(moved.context.agencyId).toBe('akimat-yesil');
  });

  it('counts comments without changing state', () => {
    const step = stepTicket(fresh(), { type: 'ticket.comment', text: 'caller rang again' });
    expect(step).toMatchObject({
      accepted: true,
      changedState: false,
      snapshot: { value: 'received', context: { commentCount: 1 } },
    });
  });

  it('restores a stored snapshot that went through JSON and continues from it', () => {
    const stored = JSON.parse(JSON.stringify(run([{ type: 'ticket.register', categoryId: 'elevator' }])));
    expect(run([{ type: 'ticket.assign', agencyId: 'lift-service' }], stored).value).toBe('assigned');
  });

  it('lists the events each state accepts: none in final states but a dispute of a closed ticket', () => {
    expect(acceptedEventTypes(fresh())).toEqual([
      'ticket.register',
      'ticket.cancel',
      'ticket.comment',
      'ticket.escalate',
      'ticket.attach',
    ]);
    for (const value of ['closed_first_contact', 'cancelled'] as const) {
      expect(acceptedEventTypes({ value, context: fresh().context })).toEqual([]);
    }
    expect(acceptedEventTypes({ value: 'closed', context: fresh().context })).toEqual(['ticket.reopen']);
  });

  it('reopens a closed ticket to its agency, counting the reopen', () => {
    const reopened = run([
      { type: 'ticket.register', categoryId: 'flooding' },
      { type: 'ticket.assign', agencyId: 'astana-su' },
      { type: 'ticket.resolve', resolution: 'Pumped out' },
      { type: 'ticket.close' },
      { type: 'ticket.reopen', reason: 'The street is flooded again' },
    ]);
    expect(reopened).toMatchObject({ value: 'assigned', context: { agencyId: 'astana-su', reopenCount: 1 } });
    const closed = run(
      [{ type: 'ticket.resolve', resolution: 'Pumped again' }, { type: 'ticket.close' }],
      reopened,
    );
    expect(stepTicket(closed, { type: 'ticket.comment', text: 'Thanks' }).accepted).toBe(false);
  });

  it('merges an appeal into an incident, where it waits to be resolved with it or separated again', () => {
    const assigned = run([
      { type: 'ticket.register', categoryId: 'flooding' },
      { type: 'ticket.assign', agencyId: 'astana-su' },
    ]);
    const merged = run([{ type: 'ticket.merge', incidentId: 7 }], assigned);
    expect(merged).toMatchObject({ value: 'merged', context: { mergedIntoId: 7 } });
    expect(acceptedEventTypes(merged)).toEqual([
      'ticket.resolve',
      'ticket.cancel',
      'ticket.comment',
      'ticket.unmerge',
      'ticket.escalate',
      'ticket.attach',
    ]);
    expect(run([{ type: 'ticket.resolve', resolution: 'Street pumped out' }], merged).value).toBe('resolved');
    expect(run([{ type: 'ticket.unmerge', reason: 'Another street' }], merged)).toMatchObject({
      value: 'registered',
      context: { mergedIntoId: null },
    });
  });

  it('sends a misrouted ticket back to registered and counts the misroute', () => {
    const back = run([
      { type: 'ticket.register', categoryId: 'flooding' },
      { type: 'ticket.assign', agencyId: 'akimat-yesil' },
      { type: 'ticket.reject', reason: 'Water network is Astana Su Arnasy' },
    ]);
    expect(back).toMatchObject({ value: 'registered', context: { agencyId: null, misrouteCount: 1 } });
  });

  it('holds and resumes work, keeping the reason only while on hold', () => {
    const held = run([
      { type: 'ticket.register', categoryId: 'road-damage' },
      { type: 'ticket.assign', agencyId: 'roads' },
      { type: 'ticket.accept' },
      { type: 'ticket.hold', reason: 'Asphalt plants closed for winter', until: '2027-04-01T09:00:00+05:00' },
    ]);
    expect(held).toMatchObject({
      value: 'on_hold',
      context: { holdReason: 'Asphalt plants closed for winter' },
    });
    expect(run([{ type: 'ticket.resume' }], held)).toMatchObject({
      value: 'in_progress',
      context: { holdReason: null, holdUntil: null },
    });
  });

  it('schedules the confirmation window on resolution and calls it off when the resident disputes', () => {
    const inProgress = run([
      { type: 'ticket.register', categoryId: 'flooding' },
      { type: 'ticket.assign', agencyId: 'astana-su' },
      { type: 'ticket.start' },
    ]);
    const resolved = stepTicket(inProgress, { type: 'ticket.resolve', resolution: 'Pumped out' });
    if (!resolved.accepted) throw new Error('resolve refused');
    expect(resolved.timers.schedule).toEqual([
      {
        key: 'xstate.after.confirmationWindow.ticket.resolved',
        event: { type: 'xstate.after.confirmationWindow.ticket.resolved' },
        delayMs: 72 * 3600_000,
      },
    ]);
    const reopened = stepTicket(resolved.snapshot, { type: 'ticket.reopen', reason: 'Flooded again' });
    if (!reopened.accepted) throw new Error('reopen refused');
    expect(reopened.timers.cancel).toEqual(['xstate.after.confirmationWindow.ticket.resolved']);
    expect(reopened.snapshot).toMatchObject({
      value: 'assigned',
      context: { reopenCount: 1, resolution: null, agencyId: 'astana-su' },
    });
    // When the window ends without a dispute, the timer's event closes the ticket.
    const closed = stepTicket(resolved.snapshot, { type: 'xstate.after.confirmationWindow.ticket.resolved' });
    expect(closed).toMatchObject({ accepted: true, snapshot: { value: 'closed' } });
  });

  it('takes the confirmation window from its input', () => {
    const snapshot = startTicket({ categoryId: 'flooding', channel: 'web', confirmationWindowMs: 60_000 });
    expect(snapshot.context.confirmationWindowMs).toBe(60_000);
  });
});
