import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  apiError,
  expectApiError,
  expectTicket,
  startTestStack,
  WATER_AGENCY,
  type Staff,
  type TestStack,
} from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('ticket events on %s', (kind) => {
  let stack: TestStack;
  let staff: Staff;

  /** An appeal no rule routes (a district matter with no district): it waits in `registered` for an operator. */
  const createUnrouted = () =>
    staff.operator.api.createTicket({
      categoryId: 'noise',
      lat: undefined,
      lon: undefined,
      address: 'Mangilik El 55',
    });

  beforeAll(async () => {
    stack = await startTestStack(kind);
    staff = stack.staff;
  });
  afterAll(() => stack?.close());

  it('walks assign → start → resolve → close, recording who did what', async () => {
    const created = await createUnrouted();
    expect(created).toMatchObject({ state: 'registered', agencyId: null, districtId: null, version: 2 });
    expect(created.acceptedEvents).toEqual(
      expect.arrayContaining(['ticket.assign', 'ticket.close_first_contact', 'ticket.cancel']),
    );

    const assigned = expectTicket(
      await staff.operator.api.command(created.id, {
        type: 'ticket.assign',
        agencyId: WATER_AGENCY,
        expectedVersion: 2,
      }),
    );
    expect(assigned).toMatchObject({ state: 'assigned', agencyId: WATER_AGENCY, version: 3 });
    expect(assigned.ackDueAt).not.toBeNull();

    const started = expectTicket(await staff.water.api.command(created.id, { type: 'ticket.start' }));
    expect(started).toMatchObject({ state: 'in_progress', version: 4, ackDueAt: null });
    expect(started.acceptedEvents).toEqual([
      'ticket.hold',
      'ticket.resolve',
      'ticket.comment',
      'ticket.escalate',
    ]);

    const resolved = expectTicket(
      await staff.water.api.command(created.id, {
        type: 'ticket.resolve',
        resolution: 'Noise source removed.',
        expectedVersion: 4,
      }),
    );
    expect(resolved).toMatchObject({ state: 'resolved', version: 5, closedAt: null });

    const closed = expectTicket(await staff.operator.api.command(created.id, { type: 'ticket.close' }));
    expect(closed).toMatchObject({ state: 'closed', version: 6, acceptedEvents: ['ticket.reopen'] });
    expect(closed.closedAt).not.toBeNull();

    const history = await staff.supervisor.api.ticket(created.id);
    expect(
      history.events.map((e) => [e.type, e.fromState, e.toState, e.version, e.actorUserId, e.actorRole]),
    ).toEqual([
      ['ticket.create', null, 'received', 1, staff.operator.user.id, 'operator'],
      ['ticket.register', 'received', 'registered', 2, staff.operator.user.id, 'operator'],
      ['ticket.assign', 'registered', 'assigned', 3, staff.operator.user.id, 'operator'],
      ['ticket.start', 'assigned', 'in_progress', 4, staff.water.user.id, 'agency'],
      ['ticket.resolve', 'in_progress', 'resolved', 5, staff.water.user.id, 'agency'],
      ['ticket.close', 'resolved', 'closed', 6, staff.operator.user.id, 'operator'],
    ]);
    expect(history.events.map((e) => e.actorName)).toEqual([
      'Test operator',
      'Test operator',
      'Test operator',
      `Test agency (${WATER_AGENCY})`,
      `Test agency (${WATER_AGENCY})`,
      'Test operator',
    ]);
    expect(history.events[4]!.payload).toEqual({ resolution: 'Noise source removed.' });
    const seqs = history.events.map((e) => e.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
    expect(history.events.every((e) => e.ticketId === created.id)).toBe(true);
  });

  it('refuses an event the state does not accept with 409 event_not_accepted naming the state', async () => {
    const ticket = await staff.operator.api.createTicket();
    const error = expectApiError(
      await staff.operator.api.command(ticket.id, { type: 'ticket.close' }),
      409,
      'event_not_accepted',
    );
    expect(error.currentState).toBe('assigned');
    expect(error.currentVersion).toBe(3);
    // Assigning to the agency that already has it is not a change.
    const again = expectApiError(
      await staff.supervisor.api.command(ticket.id, { type: 'ticket.assign', agencyId: WATER_AGENCY }),
      409,
      'event_not_accepted',
    );
    expect(again.currentState).toBe('assigned');

    const closed = await staff.operator.api.createTicket({ firstContactAnswer: 'Explained on the phone.' });
    const final = expectApiError(
      await staff.supervisor.api.command(closed.id, { type: 'ticket.comment', text: 'Too late' }),
      409,
      'event_not_accepted',
    );
    expect(final.currentState).toBe('closed_first_contact');
    // Nothing was written by the refusals.
    expect((await staff.supervisor.api.ticket(ticket.id)).version).toBe(3);
  });

  it('refuses a stale expectedVersion with 409 stale_version naming the current version', async () => {
    const ticket = await staff.operator.api.createTicket();
    expectTicket(
      await staff.operator.api.command(ticket.id, {
        type: 'ticket.comment',
        text: 'Called back',
        expectedVersion: 3,
      }),
    );
    const error = expectApiError(
      await staff.operator.api.command(ticket.id, {
        type: 'ticket.cancel',
        reason: 'Duplicate',
        expectedVersion: 3,
      }),
      409,
      'stale_version',
    );
    expect(error.currentVersion).toBe(4);
    expect(error.currentState).toBe('assigned');
  });

  it('lets exactly one of several concurrent commands with the same expectedVersion through', async () => {
    const ticket = await staff.operator.api.createTicket();
    const results = await Promise.all([
      staff.supervisor.api.command(ticket.id, {
        type: 'ticket.cancel',
        reason: 'Duplicate of another appeal',
        expectedVersion: 3,
      }),
      staff.water.api.command(ticket.id, { type: 'ticket.start', expectedVersion: 3 }),
      staff.operator.api.command(ticket.id, {
        type: 'ticket.comment',
        text: 'Resident called again',
        expectedVersion: 3,
      }),
      staff.supervisor.api.command(ticket.id, {
        type: 'ticket.assign',
        agencyId: 'emergency-department',
        expectedVersion: 3,
      }),
    ]);
    // When the reassignment wins, the water crew's ticket is no longer theirs to see: a 404, as for
    // any other agency's ticket, rather than a conflict that would describe it.
    const assignWon = results[3]!.status === 200;
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual(assignWon ? [200, 404, 409, 409] : [200, 409, 409, 409]);
    if (assignWon) expect(results[1]!.status).toBe(404);
    for (const r of results.filter((r) => r.status === 409)) {
      expect(apiError(r)).toMatchObject({ code: 'stale_version', currentVersion: 4 });
    }
    const history = await staff.supervisor.api.ticket(ticket.id);
    expect(history.version).toBe(4);
    expect(history.events.map((e) => e.version)).toEqual([1, 2, 3, 4]);
  });

  it('refuses an unknown agency with 422 unknown_reference naming agencyId', async () => {
    const ticket = await createUnrouted();
    const error = expectApiError(
      await staff.supervisor.api.command(ticket.id, { type: 'ticket.assign', agencyId: 'ghostbusters' }),
      422,
      'unknown_reference',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['agencyId']);
    expect((await staff.supervisor.api.ticket(ticket.id)).state).toBe('registered');
  });
});
