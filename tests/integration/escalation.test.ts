import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Alert } from '../../server/contracts/alert.contract.ts';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  WATER_AGENCY,
  type SignedIn,
  type TestStack,
} from '../support/test-server.ts';
import { connect, Inbox, openSocket, type ClientSocket } from '../support/test-socket.ts';

const MINUTE_MS = 60_000;

describe.each(DATABASE_KINDS)('deadlines and escalation on %s', (kind) => {
  let stack: TestStack;
  // Wednesday 2026-11-25, 11:00 in Astana (UTC+5). The suite moves time instead of waiting.
  let now = Date.parse('2026-11-25T06:00:00Z');
  const advance = (ms: number) => (now += ms);
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
    // The suite fires timers itself, at the moments it chooses.
    await stack.server.komek.timers.stop();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => stack?.close());

  async function listen(who: SignedIn): Promise<Inbox> {
    const socket = openSocket(stack.server.url, who.cookie);
    sockets.push(socket);
    const inbox = new Inbox(socket);
    await connect(socket);
    return inbox;
  }
  const fireDue = () => stack.server.komek.timers.fireDue();
  const send = async (id: number, command: Record<string, unknown>, as = stack.staff.supervisor) =>
    expectTicket(await as.api.command(id, command));
  const liveAlerts = async (ticketId: number, as = stack.staff.supervisor): Promise<Alert[]> => {
    const res = await as.api.get(`/api/alerts?ticketId=${ticketId}`);
    expectStatus(res, 200);
    return Alert.array().parse(res.body);
  };
  const pendingTimerKeys = async (ticketId: number) =>
    (
      await stack.server.komek.db.query<{ key: string }>(
        'select key from ticket_timers where ticket_id = $1 order by key',
        [ticketId],
      )
    ).map((r) => r.key);

  it('an unacknowledged emergency climbs the levels, repeats, re-triggers after an idle acknowledgement and clears when the agency accepts', async () => {
    const water = await listen(stack.staff.water);
    const wall = await listen(stack.staff.supervisor);
    const vet = await listen(stack.staff.vet);
    // Flooding: acknowledge within 15 minutes (warning at 75%), emergency escalation policy.
    const ticket = await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    expect(await pendingTimerKeys(ticket.id)).toEqual(
      expect.arrayContaining(['esc:ack:0', 'esc:ack:1', 'esc:ack:2', 'esc:resolve:3', 'esc:resolve:4']),
    );

    advance(11 * MINUTE_MS);
    await fireDue();
    expect(await liveAlerts(ticket.id)).toEqual([]);

    advance(30_000); // 11:30 in: past the warning at 11:15
    await fireDue();
    const warned = await water.alert((p) => p.alert.ticketId === ticket.id);
    expect(warned).toMatchObject({
      event: 'alert:raised',
      alert: {
        clock: 'ack',
        level: 0,
        target: 'agency',
        targetAgencyId: WATER_AGENCY,
        status: 'open',
        notifyCount: 1,
      },
    });
    await wall.alert((p) => p.alert.id === warned.alert.id);
    expect(await liveAlerts(ticket.id, stack.staff.water)).toHaveLength(1);
    expect(await liveAlerts(ticket.id, stack.staff.vet)).toEqual([]);

    advance(5 * MINUTE_MS); // 16:30 in: the warning repeats, and the deadline (15:00) is breached
    await fireDue();
    const live = await liveAlerts(ticket.id);
    expect(live.map((a) => [a.level, a.target, a.notifyCount]).sort()).toEqual([
      [0, 'agency', 2],
      [1, 'agency_head', 1],
    ]);

    // The duty officer acknowledges: repeats stop, an ack timeout starts.
    const acked = await stack.staff.water.api.post(`/api/alerts/${warned.alert.id}/acknowledge`);
    expectStatus(acked, 200);
    expect(Alert.parse(acked.body)).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: stack.staff.water.user.id,
    });
    await wall.alert((p) => p.event === 'alert:updated' && p.alert.status === 'acknowledged');
    expectApiError(
      await stack.staff.water.api.post(`/api/alerts/${warned.alert.id}/acknowledge`),
      409,
      'alert_not_open',
    );
    expectApiError(
      await stack.staff.display.api.post(`/api/alerts/${warned.alert.id}/acknowledge`),
      403,
      'forbidden',
    );
    expectApiError(
      await stack.staff.vet.api.post(`/api/alerts/${warned.alert.id}/acknowledge`),
      404,
      'not_found',
    );

    advance(9 * MINUTE_MS); // 25:30 in: ten minutes after the breach the city's supervisors are told
    await fireDue();
    const city = await wall.alert((p) => p.alert.ticketId === ticket.id && p.alert.level === 2);
    expect(city.alert).toMatchObject({ target: 'city_supervisors', targetAgencyId: null });

    advance(6 * MINUTE_MS); // 31:30 in: acknowledged 15 minutes ago and still nobody accepted
    await fireDue();
    const again = (await liveAlerts(ticket.id)).find((a) => a.id === warned.alert.id)!;
    expect(again).toMatchObject({ status: 'open', acknowledgedAt: null, notifyCount: 3 });

    // The agency accepts: every acknowledgement alert clears by itself, and is pushed as resolved.
    await send(ticket.id, { type: 'ticket.accept' }, stack.staff.water);
    await wall.alert((p) => p.alert.id === city.alert.id && p.alert.status === 'resolved');
    expect(await liveAlerts(ticket.id)).toEqual([]);
    expect(
      (await pendingTimerKeys(ticket.id)).filter((k) => k.startsWith('alert:') || k.startsWith('esc:ack')),
    ).toEqual([]);
    expect(vet.alerts.filter((p) => p.alert.ticketId === ticket.id)).toEqual([]);

    const history = await stack.server.komek.db.query<{ type: string }>(
      'select type from alert_events where alert_id = $1 order by seq',
      [warned.alert.id],
    );
    expect(history.map((h) => h.type)).toEqual([
      'raised',
      'repeated',
      'acknowledged',
      'retriggered',
      'resolved',
    ]);
    await expect(
      stack.server.komek.db.query('update alert_events set type = $1 where alert_id = $2', [
        'raised',
        warned.alert.id,
      ]),
    ).rejects.toThrow(/append-only/);
  });

  it('a person escalates by hand: the city is alerted, a second escalation raises it again, and it lasts until the ticket is done', async () => {
    const wall = await listen(stack.staff.supervisor);
    const ticket = await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    await send(
      ticket.id,
      { type: 'ticket.escalate', reason: 'Water is reaching the houses' },
      stack.staff.operator,
    );
    const raised = await wall.alert((p) => p.alert.ticketId === ticket.id && p.alert.clock === 'manual');
    expect(raised.alert).toMatchObject({
      target: 'city_supervisors',
      targetAgencyId: null,
      reason: 'Water is reaching the houses',
      notifyCount: 1,
    });
    const history = await stack.staff.supervisor.api.ticket(ticket.id);
    expect(history.events.at(-1)).toMatchObject({
      type: 'ticket.escalate',
      fromState: 'assigned',
      toState: 'assigned',
      payload: { reason: 'Water is reaching the houses' },
    });

    await send(
      ticket.id,
      { type: 'ticket.escalate', reason: 'Second call: a car is stuck' },
      stack.staff.water,
    );
    const manual = (await liveAlerts(ticket.id)).filter((a) => a.clock === 'manual');
    expect(manual).toHaveLength(1);
    expect(manual[0]).toMatchObject({ notifyCount: 2, status: 'open' });

    await send(ticket.id, { type: 'ticket.start' }, stack.staff.water);
    expect((await liveAlerts(ticket.id)).filter((a) => a.clock === 'manual')).toHaveLength(1);
    await send(ticket.id, { type: 'ticket.cancel', reason: 'Pumped by the residents themselves' });
    expect(await liveAlerts(ticket.id)).toEqual([]);
  });

  it('a timer for a level that no longer applies does nothing', async () => {
    const ticket = await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    await send(ticket.id, { type: 'ticket.start' }, stack.staff.water);
    advance(20 * MINUTE_MS);
    await fireDue();
    expect((await liveAlerts(ticket.id)).filter((a) => a.clock === 'ack')).toEqual([]);
  });

  it('a raised priority brings the emergency terms', async () => {
    const ticket = await stack.staff.operator.api.createTicket({
      categoryId: 'road-damage',
      priority: 'emergency',
    });
    expect(ticket.priority).toBe('emergency');
    expect(Date.parse(ticket.ackDueAt!) - Date.parse(ticket.registeredAt!)).toBe(15 * MINUTE_MS);
    expect(Date.parse(ticket.resolveDueAt!) - Date.parse(ticket.registeredAt!)).toBe(240 * MINUTE_MS);
    expectApiError(
      await stack.staff.operator.api.post('/api/tickets', {
        categoryId: 'road-damage',
        description: 'Pothole',
        address: 'Kenesary 1',
        priority: 'asap',
      }),
      400,
      'invalid_request',
      ['priority'],
    );
  });

  describe('working hours', () => {
    const local = (isoLocal: string) => Date.parse(`${isoLocal}+05:00`);
    let ticket: Ticket;

    it("counts a routine appeal's deadlines in the akimat's office hours, across the weekend", async () => {
      now = local('2026-11-27T17:00:00'); // Friday, one office hour left
      // Snow in a courtyard: the district akimat, 160 working minutes to acknowledge, 2 working days to resolve.
      ticket = await stack.staff.operator.api.createTicket({ categoryId: 'snow-yard', districtId: 'yesil' });
      expect(ticket).toMatchObject({ agencyId: 'akimat-yesil', priority: 'normal' });
      // 60 minutes on Friday, 100 on Monday from 09:00.
      expect(Date.parse(ticket.ackDueAt!)).toBe(local('2026-11-30T10:40:00'));
      // 60 on Friday, 480 on Monday (lunch 13–14 excluded), 420 on Tuesday.
      expect(Date.parse(ticket.resolveDueAt!)).toBe(local('2026-12-01T17:00:00'));
    });

    it('pauses on hold and resumes with the paused working time given back, keeping each cycle', async () => {
      now = local('2026-11-30T09:30:00');
      await send(ticket.id, { type: 'ticket.accept' });
      now = local('2026-11-30T10:00:00');
      const held = await send(ticket.id, {
        type: 'ticket.hold',
        reason: 'Waiting for the snow plough',
        until: '2026-12-01T10:00:00+05:00',
      });
      expect(held).toMatchObject({ state: 'on_hold', slaPaused: true, resolveWarnAt: null });
      now = local('2026-12-01T10:00:00');
      const resumed = await send(ticket.id, { type: 'ticket.resume' });
      // 120 working minutes were used before the hold; 840 remain from Tuesday 10:00.
      expect(resumed.slaPaused).toBe(false);
      expect(Date.parse(resumed.resolveDueAt!)).toBe(local('2026-12-02T17:00:00'));
      const [row] = await stack.server.komek.db.query<{ sla: { resolve: { cycles: unknown[] } } }>(
        'select sla from tickets where id = $1',
        [ticket.id],
      );
      expect(row!.sla.resolve.cycles).toEqual([
        {
          startedAt: new Date(local('2026-11-27T17:00:00')).toISOString(),
          stoppedAt: new Date(local('2026-11-30T10:00:00')).toISOString(),
          consumedMs: 120 * MINUTE_MS,
        },
        {
          startedAt: new Date(local('2026-12-01T10:00:00')).toISOString(),
          stoppedAt: null,
          consumedMs: null,
        },
      ]);
    });
  });
});
