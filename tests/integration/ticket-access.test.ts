import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketPage, type Ticket } from '../../server/contracts/ticket.contract.ts';
import { ticketFactory } from '../support/factories.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  VET_AGENCY,
  WATER_AGENCY,
  type Staff,
  type TestStack,
} from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('ticket access by role on %s', (kind) => {
  let stack: TestStack;
  let staff: Staff;
  let waterTicket: Ticket;
  let vetTicket: Ticket;

  beforeAll(async () => {
    stack = await startTestStack(kind);
    staff = stack.staff;
    waterTicket = await staff.operator.api.createTicket({ categoryId: 'open-manhole' });
    vetTicket = await staff.operator.api.createTicket({ categoryId: 'stray-dogs' });
    expect([waterTicket.agencyId, vetTicket.agencyId]).toEqual([WATER_AGENCY, VET_AGENCY]);
  });
  afterAll(() => stack?.close());

  it('a display can neither register appeals nor send events (403 forbidden)', async () => {
    expectApiError(await staff.display.api.post('/api/tickets', ticketFactory()), 403, 'forbidden');
    expectApiError(
      await staff.display.api.command(waterTicket.id, { type: 'ticket.comment', text: 'hello' }),
      403,
      'forbidden',
    );
    expectApiError(
      await staff.display.api.command(waterTicket.id, { type: 'ticket.start' }),
      403,
      'forbidden',
    );
    // but it does see every ticket
    expect((await staff.display.api.ticket(vetTicket.id)).id).toBe(vetTicket.id);
  });

  it('agency staff cannot register appeals (403)', async () => {
    expectApiError(await staff.water.api.post('/api/tickets', ticketFactory()), 403, 'forbidden');
  });

  it("agency staff see only their agency's tickets", async () => {
    const list = async (query: string) => {
      const res = await staff.water.api.get(`/api/tickets?${query}`);
      expectStatus(res, 200);
      return TicketPage.parse(res.body).items;
    };
    const mine = await list('limit=500');
    expect(mine.map((t) => t.id)).toContain(waterTicket.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((t) => t.agencyId === WATER_AGENCY)).toBe(true);
    // Asking for another agency's tickets does not widen the view.
    expect((await list(`agencyId=${VET_AGENCY}`)).every((t) => t.agencyId === WATER_AGENCY)).toBe(true);
    expect((await list(`q=${vetTicket.registrationNumber}`)).map((t) => t.id)).toEqual([]);

    expectApiError(await staff.water.api.get(`/api/tickets/${vetTicket.id}`), 404, 'not_found');
    expectApiError(await staff.water.api.command(vetTicket.id, { type: 'ticket.start' }), 404, 'not_found');
    expect((await staff.vet.api.ticket(vetTicket.id)).id).toBe(vetTicket.id);
  });

  it('agency staff start and resolve their own tickets but may not assign (403)', async () => {
    expectApiError(
      await staff.water.api.command(waterTicket.id, { type: 'ticket.assign', agencyId: VET_AGENCY }),
      403,
      'forbidden',
    );
    expectApiError(
      await staff.water.api.command(waterTicket.id, { type: 'ticket.cancel', reason: 'Not ours' }),
      403,
      'forbidden',
    );
    expect(expectTicket(await staff.water.api.command(waterTicket.id, { type: 'ticket.start' })).state).toBe(
      'in_progress',
    );
    const resolved = expectTicket(
      await staff.water.api.command(waterTicket.id, {
        type: 'ticket.resolve',
        resolution: 'Lid replaced.',
      }),
    );
    expect(resolved.state).toBe('resolved');
    expectApiError(await staff.water.api.command(waterTicket.id, { type: 'ticket.close' }), 403, 'forbidden');
  });

  it('an operator may not start or resolve (403) but may close a resolved ticket', async () => {
    expectApiError(
      await staff.operator.api.command(vetTicket.id, { type: 'ticket.resolve', resolution: 'Done' }),
      403,
      'forbidden',
    );
    expectApiError(
      await staff.operator.api.command(vetTicket.id, { type: 'ticket.start' }),
      403,
      'forbidden',
    );
    expect((await staff.operator.api.ticket(vetTicket.id)).state).toBe('assigned');
    expect(
      expectTicket(await staff.operator.api.command(waterTicket.id, { type: 'ticket.close' })).state,
    ).toBe('closed');
  });

  it('a supervisor may do everything, including reassigning away from an agency', async () => {
    const moved = expectTicket(
      await staff.supervisor.api.command(vetTicket.id, { type: 'ticket.assign', agencyId: WATER_AGENCY }),
    );
    expect(moved).toMatchObject({ state: 'assigned', agencyId: WATER_AGENCY });
    // The vet station no longer sees it; the water utility now does.
    expectApiError(await staff.vet.api.get(`/api/tickets/${vetTicket.id}`), 404, 'not_found');
    expect((await staff.water.api.ticket(vetTicket.id)).agencyId).toBe(WATER_AGENCY);
    expect(
      expectTicket(await staff.supervisor.api.command(vetTicket.id, { type: 'ticket.start' })).state,
    ).toBe('in_progress');
    expect(
      expectTicket(
        await staff.supervisor.api.command(vetTicket.id, {
          type: 'ticket.resolve',
          resolution: 'Dogs caught.',
        }),
      ).state,
    ).toBe('resolved');
  });

  it('offers each role only the events it may send', async () => {
    const ticket = await staff.operator.api.createTicket();
    expect((await staff.supervisor.api.ticket(ticket.id)).acceptedEvents.sort()).toEqual(
      [
        'ticket.accept',
        'ticket.assign',
        'ticket.cancel',
        'ticket.comment',
        'ticket.escalate',
        'ticket.merge',
        'ticket.reject',
        'ticket.resolve',
        'ticket.start',
      ].sort(),
    );
    expect((await staff.operator.api.ticket(ticket.id)).acceptedEvents.sort()).toEqual(
      ['ticket.assign', 'ticket.cancel', 'ticket.comment', 'ticket.escalate', 'ticket.merge'].sort(),
    );
    expect((await staff.water.api.ticket(ticket.id)).acceptedEvents.sort()).toEqual(
      [
        'ticket.accept',
        'ticket.comment',
        'ticket.escalate',
        'ticket.reject',
        'ticket.resolve',
        'ticket.start',
      ].sort(),
    );
    expect((await staff.display.api.ticket(ticket.id)).acceptedEvents).toEqual([]);
  });
});
