import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTimer } from '../../db/queries/timers.ts';
import { shortestPathsToEveryState } from '../../workflows/ticket/ticket.model.ts';
import { isTimerEventType } from '../../workflows/ticket/ticket.transition.ts';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectApiError, expectTicket, startTestStack, type TestStack } from '../support/test-server.ts';

const CONFIRMATION_KEY = 'xstate.after.confirmationWindow.ticket.resolved';
const HOUR_MS = 3600_000;

describe.each(DATABASE_KINDS)('the full ticket lifecycle on %s', (kind) => {
  let stack: TestStack;
  // Time is injected: the suite moves it instead of waiting.
  let now = new Date('2026-11-25T06:00:00Z').getTime();
  const advance = (ms: number) => (now += ms);

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
  });
  afterAll(() => stack?.close());

  /** A new flooding ticket, routed to the water utility. */
  const floodingTicket = () => stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
  const send = async (id: number, command: Record<string, unknown>, as = stack.staff.supervisor) =>
    expectTicket(await as.api.command(id, command));

  it('sends a misrouted ticket back for rerouting and records why', async () => {
    const ticket = await floodingTicket();
    const rejected = await send(
      ticket.id,
      { type: 'ticket.reject', reason: 'Yard drain belongs to the KSK' },
      stack.staff.water,
    );
    expect(rejected).toMatchObject({ state: 'registered', agencyId: null, ackDueAt: null });
    const history = await stack.staff.supervisor.api.ticket(ticket.id);
    expect(history.events.at(-1)).toMatchObject({
      type: 'ticket.reject',
      fromState: 'assigned',
      toState: 'registered',
      payload: { reason: 'Yard drain belongs to the KSK' },
    });
    // The water utility no longer sees it; an operator reroutes it.
    expectApiError(await stack.staff.water.api.get(`/api/tickets/${ticket.id}`), 404, 'not_found');
    const rerouted = await send(
      ticket.id,
      { type: 'ticket.assign', agencyId: 'akimat-yesil' },
      stack.staff.operator,
    );
    expect(rerouted).toMatchObject({ state: 'assigned', agencyId: 'akimat-yesil' });
  });

  it('accepting acknowledges: the acknowledgement deadline is met and cleared', async () => {
    const ticket = await floodingTicket();
    expect(ticket.ackDueAt).not.toBeNull();
    const accepted = await send(ticket.id, { type: 'ticket.accept' }, stack.staff.water);
    expect(accepted).toMatchObject({ state: 'accepted', ackDueAt: null });
  });

  it('stops the resolution clock while on hold and moves the deadline by the time paused', async () => {
    const ticket = await floodingTicket();
    await send(ticket.id, { type: 'ticket.start' }, stack.staff.water);
    const due = new Date(ticket.resolveDueAt!).getTime();
    await send(
      ticket.id,
      { type: 'ticket.hold', reason: 'Waiting for the frost to pass', until: '2026-11-26T09:00:00+05:00' },
      stack.staff.water,
    );
    advance(5 * HOUR_MS);
    const resumed = await send(ticket.id, { type: 'ticket.resume' }, stack.staff.water);
    expect(resumed.state).toBe('in_progress');
    expect(new Date(resumed.resolveDueAt!).getTime()).toBe(due + 5 * HOUR_MS);
  });

  it('refuses a hold without a parseable resume time, or one in the past', async () => {
    const ticket = await floodingTicket();
    await send(ticket.id, { type: 'ticket.start' }, stack.staff.water);
    const past = await stack.staff.water.api.command(ticket.id, {
      type: 'ticket.hold',
      reason: 'Parts',
      until: new Date(now - 60_000).toISOString(),
    });
    expect(expectApiError(past, 400, 'invalid_request').fields).toEqual({ until: 'must be in the future' });
    const res = await stack.staff.water.api.command(ticket.id, {
      type: 'ticket.hold',
      reason: 'Parts',
      until: 'tomorrow',
    });
    expect(Object.keys(expectApiError(res, 400, 'invalid_request').fields ?? {})).toEqual(['until']);
  });

  it('closes a resolved ticket when the confirmation window ends, through a durable timer', async () => {
    const { db } = stack.server.komek;
    const ticket = await floodingTicket();
    await send(ticket.id, { type: 'ticket.start' }, stack.staff.water);
    await send(ticket.id, { type: 'ticket.resolve', resolution: 'Pumped out' }, stack.staff.water);
    const timer = await findTimer(db, ticket.id, CONFIRMATION_KEY);
    expect(timer?.dueAt.getTime()).toBe(now + 72 * HOUR_MS);

    // A dispute calls the timer off; the next resolution schedules a fresh one.
    await send(ticket.id, { type: 'ticket.reopen', reason: 'Water is back' }, stack.staff.operator);
    expect(await findTimer(db, ticket.id, CONFIRMATION_KEY)).toBeUndefined();
    await send(ticket.id, { type: 'ticket.resolve', resolution: 'Drain cleared' }, stack.staff.water);

    advance(72 * HOUR_MS - 1);
    await stack.server.komek.timers.fireDue();
    expect((await stack.staff.supervisor.api.ticket(ticket.id)).state).toBe('resolved');
    advance(1);
    await stack.server.komek.timers.fireDue();
    // The server's own worker runs too and may be the one holding the row: wait for its commit.
    await expect.poll(async () => (await stack.staff.supervisor.api.ticket(ticket.id)).state).toBe('closed');
    const closed = await stack.staff.supervisor.api.ticket(ticket.id);
    // Closed: only a resident's dispute (within the reopen window) is still accepted.
    expect(closed).toMatchObject({ state: 'closed', acceptedEvents: ['ticket.reopen'] });
    expect(closed.events.at(-1)).toMatchObject({
      type: CONFIRMATION_KEY,
      actorRole: 'system',
      channel: 'timer',
      toState: 'closed',
    });
    expect(await findTimer(db, ticket.id, CONFIRMATION_KEY)).toBeUndefined();
  });

  it('never fires a timer for a ticket that has moved on', async () => {
    const ticket = await floodingTicket();
    await send(ticket.id, { type: 'ticket.resolve', resolution: 'Done' }, stack.staff.water);
    await send(ticket.id, { type: 'ticket.close' }, stack.staff.operator);
    expect(await findTimer(stack.server.komek.db, ticket.id, CONFIRMATION_KEY)).toBeUndefined();
    const before = (await stack.staff.supervisor.api.ticket(ticket.id)).events.length;
    advance(100 * HOUR_MS);
    await stack.server.komek.timers.fireDue();
    expect((await stack.staff.supervisor.api.ticket(ticket.id)).events).toHaveLength(before);
  });

  it('replays a shortest path to every state through the API and the timer worker', async () => {
    const reached = new Set<string>();
    for (const path of shortestPathsToEveryState()) {
      // API intake registers at once; paths through 'received' belong to the triage channels.
      if (path.events[0]?.type !== 'ticket.register') continue;
      // An address without a point: no district, so the category is not routed and the path decides.
      let ticket: Ticket = await stack.staff.operator.api.createTicket({
        categoryId: 'snow-yard',
        lat: undefined,
        lon: undefined,
        address: 'ул. Сыганак, 1',
      });
      expect(ticket.state).toBe('registered');
      for (const event of path.events.slice(1)) {
        if (isTimerEventType(event.type)) {
          advance(73 * HOUR_MS);
          await stack.server.komek.timers.fireDue();
          const { id, version } = ticket;
          await expect
            .poll(async () => (await stack.staff.supervisor.api.ticket(id)).version)
            .toBe(version + 1);
          ticket = await stack.staff.supervisor.api.ticket(ticket.id);
        } else {
          // The sample's resume time is fixed (this suite's clock has moved past it), and a merge
          // needs an incident of its own.
          const timed =
            event.type === 'ticket.hold'
              ? { ...event, until: new Date(now + HOUR_MS).toISOString() }
              : event.type === 'ticket.merge'
                ? { ...event, incidentId: (await floodingTicket()).id }
                : event;
          ticket = await send(ticket.id, { ...timed, expectedVersion: ticket.version }, stack.staff.admin);
        }
      }
      expect(ticket.state).toBe(path.state);
      reached.add(ticket.state);
    }
    expect(reached.size).toBeGreaterThanOrEqual(8);
  });
});
