import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TicketPage, type Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  type SignedIn,
  type TestStack,
} from '../support/test-server.ts';
import { login } from '../support/factories.ts';
import { connect, Inbox, openSocket, type ClientSocket } from '../support/test-socket.ts';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

describe.each(DATABASE_KINDS)('incidents, merged appeals and disputes on %s', (kind) => {
  let stack: TestStack;
  let now = Date.parse('2026-11-25T06:00:00Z');
  const advance = (ms: number) => (now += ms);
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
    await stack.server.komek.timers.stop();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => stack?.close());

  const flood = () => stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
  const send = async (id: number, command: Record<string, unknown>, as = stack.staff.supervisor) =>
    expectTicket(await as.api.command(id, command));
  const merge = (id: number, incidentId: number) =>
    stack.staff.operator.api.command(id, { type: 'ticket.merge', incidentId });

  it('thirty calls about one street are one job: merged appeals wait for the incident and are resolved with it', async () => {
    const socket = openSocket(stack.server.url, stack.staff.supervisor.cookie);
    sockets.push(socket);
    const wall = new Inbox(socket);
    await connect(socket);

    const incident = await flood();
    const calls = [await flood(), await flood()];
    for (const call of calls) {
      const merged = expectTicket(await merge(call.id, incident.id));
      expect(merged).toMatchObject({
        state: 'merged',
        mergedIntoId: incident.id,
        resolveDueAt: null,
        ackDueAt: null,
      });
      // What the operator may do with it; the agency's resolution of the incident resolves it.
      expect(merged.acceptedEvents).toEqual([
        'ticket.cancel',
        'ticket.comment',
        'ticket.unmerge',
        'ticket.escalate',
      ]);
    }
    const listed = await stack.staff.supervisor.api.get(`/api/tickets?mergedInto=${incident.id}`);
    expectStatus(listed, 200);
    expect(
      TicketPage.parse(listed.body)
        .items.map((t) => t.id)
        .sort(),
    ).toEqual(calls.map((c) => c.id).sort());

    await send(incident.id, { type: 'ticket.start' }, stack.staff.water);
    await send(incident.id, { type: 'ticket.resolve', resolution: 'Storm drain cleared' }, stack.staff.water);
    for (const call of calls) {
      const after = await stack.staff.supervisor.api.ticket(call.id);
      expect(after).toMatchObject({ state: 'resolved', mergedIntoId: incident.id });
      expect(after.events.at(-1)).toMatchObject({
        type: 'ticket.resolve',
        actorRole: 'system',
        payload: { resolution: 'Storm drain cleared' },
      });
      await wall.change((c) => c.ticket.id === call.id && c.ticket.state === 'resolved');
    }

    // Each appeal then closes on its own confirmation window, like any resolved appeal.
    advance(72 * HOUR_MS);
    await stack.server.komek.timers.fireDue();
    for (const call of calls) expect((await stack.staff.supervisor.api.ticket(call.id)).state).toBe('closed');
  });

  it('refuses merges that make no sense, naming why', async () => {
    const incident = await flood();
    const call = await flood();
    expect(expectApiError(await merge(call.id, call.id), 400, 'invalid_request').fields).toEqual({
      incidentId: 'must be another ticket than this one',
    });
    expectApiError(await merge(call.id, 999_999), 422, 'unknown_reference', ['incidentId']);
    expectTicket(await merge(call.id, incident.id));
    const other = await flood();
    // A merged appeal is no incident; and an incident with appeals in it is not merged elsewhere.
    expect(expectApiError(await merge(other.id, call.id), 409, 'incident_not_open').currentState).toBe(
      'merged',
    );
    expectApiError(await merge(incident.id, other.id), 409, 'has_merged_tickets');
    // Agencies do not merge: routing and merging are the centre's.
    expectApiError(
      await stack.staff.water.api.command(other.id, { type: 'ticket.merge', incidentId: incident.id }),
      403,
      'forbidden',
    );
  });

  it('separates the appeals again when their incident is cancelled, and on request', async () => {
    const incident = await flood();
    const call = await flood();
    const other = await flood();
    expectTicket(await merge(call.id, incident.id));
    expectTicket(await merge(other.id, incident.id));
    const separated = await send(
      other.id,
      { type: 'ticket.unmerge', reason: 'A different street' },
      stack.staff.operator,
    );
    expect(separated).toMatchObject({ state: 'registered', mergedIntoId: null });
    expect(separated.resolveDueAt).not.toBeNull();

    await send(incident.id, { type: 'ticket.cancel', reason: 'Prank call' });
    const back: Ticket = await stack.staff.supervisor.api.ticket(call.id);
    expect(back).toMatchObject({ state: 'registered', mergedIntoId: null });
    expect((await stack.staff.supervisor.api.ticket(call.id)).events.at(-1)).toMatchObject({
      type: 'ticket.unmerge',
      actorRole: 'system',
    });
  });

  it('lets a resident dispute a closed appeal within the reopen window, and not after', async () => {
    // Weeks pass in this test, and sessions expire with them: each step logs in afresh.
    const as = async (who: SignedIn) =>
      stack.server.api(await login(stack.server.url, who.user.username, who.user.password));
    const ticket = await flood();
    await send(ticket.id, { type: 'ticket.resolve', resolution: 'Pumped out' }, stack.staff.water);
    await send(ticket.id, { type: 'ticket.close' });
    const closed = await stack.staff.supervisor.api.ticket(ticket.id);
    expect(closed.acceptedEvents).toEqual(['ticket.reopen']);
    expectApiError(
      await stack.staff.supervisor.api.command(ticket.id, { type: 'ticket.comment', text: 'Hi' }),
      409,
      'event_not_accepted',
    );

    advance(29 * DAY_MS);
    const operator = await as(stack.staff.operator);
    const reopened = expectTicket(
      await operator.command(ticket.id, { type: 'ticket.reopen', reason: 'Flooded again' }),
    );
    expect(reopened).toMatchObject({ state: 'assigned', closedAt: null });
    expect(Date.parse(reopened.ackDueAt!)).toBe(now + 15 * 60_000);
    expectTicket(
      await (
        await as(stack.staff.water)
      ).command(ticket.id, { type: 'ticket.resolve', resolution: 'Pumped again' }),
    );
    expectTicket(await operator.command(ticket.id, { type: 'ticket.close' }));

    advance(30 * DAY_MS + 1);
    const late = expectApiError(
      await (await as(stack.staff.operator)).command(ticket.id, { type: 'ticket.reopen', reason: 'Again' }),
      409,
      'reopen_window_passed',
    );
    expect(late.currentState).toBe('closed');
  });
});
