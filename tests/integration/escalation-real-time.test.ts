import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestStack, WATER_AGENCY, type TestStack } from '../support/test-server.ts';
import { connect, Inbox, openSocket, type ClientSocket } from '../support/test-socket.ts';

/**
 * The one deadline test on the real clock: the server's own timer worker, no injected time. An
 * administrator sets flooding's acknowledgement deadline to one minute with the warning at 5% (3 s),
 * and the agency hears of its new ticket about three seconds later.
 */
describe('escalation on the real clock (PostgreSQL)', () => {
  let stack: TestStack;
  let socket: ClientSocket | undefined;

  beforeAll(async () => {
    stack = await startTestStack('postgres');
  });
  afterAll(async () => {
    socket?.disconnect();
    await stack?.close();
  });

  it('warns the agency a few seconds after a new emergency, through the durable timer', async () => {
    const policy = await stack.staff.admin.api.post('/api/admin/sla-policies', {
      categoryId: 'flooding',
      priority: 'emergency',
      ackMinutes: 1,
      resolveMinutes: 240,
      measure: 'elapsed',
      warnFraction: 0.05,
      escalationPolicyId: 'emergency',
    });
    expectStatus(policy, 201);
    socket = openSocket(stack.server.url, stack.staff.water.cookie);
    const water = new Inbox(socket);
    await connect(socket);

    const ticket = await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    const warnAt = Date.parse(ticket.ackWarnAt!);
    expect(warnAt - Date.parse(ticket.registeredAt!)).toBe(3000);
    const pushed = await water.alert((p) => p.alert.ticketId === ticket.id, 10_000);
    const late = Date.now() - warnAt;
    expect(pushed.alert).toMatchObject({
      clock: 'ack',
      level: 0,
      target: 'agency',
      targetAgencyId: WATER_AGENCY,
    });
    // Fired on time: not before the warning, and within a second or two of it on a busy machine.
    expect(Date.parse(pushed.alert.openedAt)).toBeGreaterThanOrEqual(warnAt);
    expect(late).toBeLessThan(3000);
  });
});
