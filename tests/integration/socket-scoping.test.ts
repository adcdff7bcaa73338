import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncResult } from '../../server/contracts/realtime.contract.ts';
import { StatusEnquiryResult, type Ticket } from '../../server/contracts/ticket.contract.ts';
import { createUser, login } from '../support/factories.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectStatus,
  expectTicket,
  startTestStack,
  VET_AGENCY,
  WATER_AGENCY,
  type SignedIn,
  type TestStack,
} from '../support/test-server.ts';
import { connect, Inbox, openSocket, type ClientSocket } from '../support/test-socket.ts';
import {
  alertsIn,
  changesIn,
  expectOnlyAgencyEvents,
  expectScopedAlerts,
  expectScopedChanges,
  recordPushes,
  type RawPush,
} from './socket-scoping-oracle.ts';

/** A third agency (no heating goes there), and the akim's office of Yesil district. */
const HEAT_AGENCY = 'astana-teplotranzit';
const AKIMAT = 'akimat-yesil';
const MINUTE_MS = 60_000;

/** One connected client: who it is, its socket, and everything it received. */
interface Client {
  who: SignedIn;
  socket: ClientSocket;
  inbox: Inbox;
  pushes: RawPush[];
}

describe.each(DATABASE_KINDS)('Socket.IO scoping of agency consoles on %s', (kind) => {
  let stack: TestStack;
  let heat: SignedIn;
  let akimat: SignedIn;
  let now = Date.parse('2026-11-25T06:00:00Z'); // Wednesday, 11:00 in Astana
  const advance = (ms: number) => (now += ms);
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
    // Timers fire when the suite says, so every push is caused by a step of the test.
    await stack.server.komek.timers.stop();
    const signIn = async (agencyId: string): Promise<SignedIn> => {
      const user = await createUser(stack.server.komek.db, { role: 'agency', agencyId });
      const cookie = await login(stack.server.url, user.username, user.password);
      return { user, cookie, api: stack.server.api(cookie) };
    };
    [heat, akimat] = await Promise.all([signIn(HEAT_AGENCY), signIn(AKIMAT)]);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => stack?.close());

  async function listen(who: SignedIn): Promise<Client> {
    const socket = openSocket(stack.server.url, who.cookie);
    sockets.push(socket);
    const pushes = recordPushes(socket);
    const inbox = new Inbox(socket);
    await connect(socket);
    return { who, socket, inbox, pushes };
  }

  /** Everyone: three agencies, the akimat, a supervisor and a wall display. */
  async function listenAll() {
    const [water, vet, heatC, akimatC, wall, display] = await Promise.all(
      [stack.staff.water, stack.staff.vet, heat, akimat, stack.staff.supervisor, stack.staff.display].map(
        listen,
      ),
    );
    return { water: water!, vet: vet!, heat: heatC!, akimat: akimatC!, wall: wall!, display: display! };
  }

  const create = (categoryId: string, extra: Record<string, unknown> = {}) =>
    stack.staff.operator.api.createTicket({ categoryId, ...extra });
  const send = async (id: number, command: Record<string, unknown>, as = stack.staff.supervisor) =>
    expectTicket(await as.api.command(id, command));

  /**
   * Waits until every client has everything sent so far: one marker ticket per agency, created
   * last, has reached its agency and the wall (a socket's pushes arrive in the order they were sent).
   */
  async function settle(clients: Client[], wall: Client): Promise<void> {
    const markers = await Promise.all(
      ['flooding', 'stray-dogs', 'no-heating'].map((c) => create(c, { description: 'marker' })),
    );
    for (const m of markers) await wall.inbox.change((c) => c.ticket.id === m.id);
    for (const client of clients) {
      const mine = markers.find((m) => m.agencyId === client.who.user.agencyId);
      if (mine) await client.inbox.change((c) => c.ticket.id === mine.id);
    }
  }

  it('pushes each agency only its own tickets through creates, comments, reassignments, merges and enquiries', async () => {
    const all = await listenAll();
    const { water, vet, wall, display } = all;
    const agencies = [all.water, all.vet, all.heat, all.akimat];

    const flood = await create('flooding');
    const dogs = await create('stray-dogs');
    const cold = await create('no-heating');
    await send(flood.id, { type: 'ticket.comment', text: 'Crew on the way?' });
    await send(flood.id, { type: 'ticket.comment', text: 'Crew left the depot.' }, stack.staff.water);
    await send(dogs.id, { type: 'ticket.comment', text: 'Pack near the school.' });
    // A status enquiry about the water utility's ticket is the centre's own appeal.
    const enquiry = await stack.staff.operator.api.post(`/api/tickets/${flood.id}/status-enquiry`, {
      locale: 'en',
    });
    expectStatus(enquiry, 201);
    const enquiryTicket = StatusEnquiryResult.parse(enquiry.body).enquiry;

    // Reassignments: the dogs to the water utility, the flood on to the heating network.
    await send(dogs.id, { type: 'ticket.assign', agencyId: WATER_AGENCY });
    await send(dogs.id, { type: 'ticket.start' }, stack.staff.water);
    await send(dogs.id, { type: 'ticket.comment', text: 'Secret water note.' }, stack.staff.water);
    await send(flood.id, { type: 'ticket.assign', agencyId: HEAT_AGENCY });
    await send(flood.id, { type: 'ticket.accept' }, heat);
    await send(flood.id, { type: 'ticket.hold', reason: 'Parts', until: '2026-11-27T06:00:00Z' }, heat);
    // Moved back: the water utility holds it again and sees all of it.
    await send(flood.id, { type: 'ticket.assign', agencyId: WATER_AGENCY });

    // A vet appeal merged into a water incident waits for it, and is resolved with it.
    const incident = await create('flooding');
    const sameDogs = await create('stray-dogs');
    await send(sameDogs.id, { type: 'ticket.merge', incidentId: incident.id }, stack.staff.operator);
    await send(incident.id, { type: 'ticket.start' }, stack.staff.water);
    await send(incident.id, { type: 'ticket.resolve', resolution: 'Pumped out.' }, stack.staff.water);
    // An appeal separated from its incident goes back to the centre: its agency drops it.
    const incident2 = await create('flooding');
    const moreDogs = await create('stray-dogs');
    await send(moreDogs.id, { type: 'ticket.merge', incidentId: incident2.id }, stack.staff.operator);
    await send(moreDogs.id, { type: 'ticket.unmerge', reason: 'Different street.' }, stack.staff.operator);
    // Cancelling an incident separates its appeals: each goes back to the centre, its agency drops it.
    const incident3 = await create('flooding');
    const lastDogs = await create('stray-dogs');
    await send(lastDogs.id, { type: 'ticket.merge', incidentId: incident3.id }, stack.staff.operator);
    await send(incident3.id, { type: 'ticket.cancel', reason: 'Duplicate of a planned works notice.' });
    // The vet station sends one back as not theirs.
    const notDogs = await create('stray-dogs');
    await send(notDogs.id, { type: 'ticket.reject', reason: 'It is a cat.' }, stack.staff.vet);
    await send(cold.id, { type: 'ticket.escalate', reason: 'Hospital without heating.' });

    await settle(agencies, wall);
    // The wall's figures were pushed meanwhile (to the wall room only, as the checks below show).
    await wall.inbox.kpi(0, 3000);
    await display.inbox.kpi(0, 3000);
    const wallChanges = changesIn(wall.pushes);
    for (const client of agencies) {
      expectScopedChanges(client.who.user.agencyId!, changesIn(client.pushes), wallChanges);
      expectScopedAlerts(client.who.user.agencyId!, client.pushes);
      expectOnlyAgencyEvents(client.pushes);
    }
    // The wall and the display see every change, the same broadcast form (no personal data).
    expect(changesIn(display.pushes)).toEqual(wallChanges);
    expect(wallChanges.map((c) => c.ticket.id)).toContain(enquiryTicket.id);
    expect(wallChanges.every((c) => c.ticket.reporterPhone === null)).toBe(true);

    // Spot checks of what the oracle derived.
    const idsOf = (c: Client) => new Set(changesIn(c.pushes).map((x) => x.ticket.id));
    expect(idsOf(water)).not.toContain(cold.id);
    expect(idsOf(vet)).not.toContain(enquiryTicket.id);
    expect(idsOf(all.heat)).not.toContain(dogs.id);
    expect(idsOf(all.akimat).size).toBe(0);
    // The vet station saw the dogs leave, and nothing of what the water utility did next.
    const vetDogs = changesIn(vet.pushes).filter((c) => c.ticket.id === dogs.id);
    expect(vetDogs.at(-1)).toMatchObject({ ticket: { agencyId: WATER_AGENCY, state: 'assigned' } });
    expect(vetDogs.flatMap((c) => c.events.map((e) => e.type))).not.toContain('ticket.start');
    // The merged appeal stayed the vet station's, and its resolution reached it.
    expect(
      changesIn(vet.pushes).find((c) => c.ticket.id === sameDogs.id && c.ticket.state === 'resolved'),
    ).toBeDefined();
    // The heating network got the manual escalation of its ticket; nobody else did.
    expect(alertsIn(all.heat.pushes).map((p) => [p.event, p.alert.ticketId])).toEqual([
      ['alert:raised', cold.id],
    ]);
    for (const c of [water, vet, all.akimat]) expect(alertsIn(c.pushes)).toEqual([]);
    expect(alertsIn(wall.pushes).map((p) => p.alert.ticketId)).toEqual([cold.id]);
    // Appeals that went back to the centre (separated, cancelled incident, sent back) left the vet
    // station's console with a departure notice each.
    for (const id of [moreDogs.id, lastDogs.id, notDogs.id]) {
      expect(changesIn(vet.pushes).findLast((c) => c.ticket.id === id)?.ticket.agencyId).toBeNull();
    }
  });

  it('sends escalation alerts only to the agency holding the ticket or the one the level addresses', async () => {
    const all = await listenAll();
    const agencies = [all.water, all.vet, all.heat, all.akimat];
    const flood = await create('flooding', { districtId: 'yesil' });
    const ofFlood = (c: Client) => alertsIn(c.pushes).filter((p) => p.alert.ticketId === flood.id);
    const fireFor = async (minutes: number) => {
      for (let i = 0; i < minutes / 5; i++) {
        advance(5 * MINUTE_MS);
        await stack.server.komek.timers.fireDue();
      }
    };

    await fireFor(15); // past the acknowledgement warning: level 0 tells the water utility
    const warned = await all.water.inbox.alert((p) => p.alert.ticketId === flood.id);
    expect(warned.alert).toMatchObject({ clock: 'ack', target: 'agency', targetAgencyId: WATER_AGENCY });
    await send(flood.id, { type: 'ticket.start' }, stack.staff.water);
    // Three hours in, the resolution warning tells the water utility's head; it would repeat.
    const [timer] = await stack.server.komek.db.query<{ due_at: Date | string }>(
      "select due_at from ticket_timers where ticket_id = $1 and key = 'esc:resolve:3'",
      [flood.id],
    );
    now = new Date(timer!.due_at).getTime();
    await stack.server.komek.timers.fireDue();
    const late = await all.water.inbox.alert(
      (p) => p.alert.ticketId === flood.id && p.alert.clock === 'resolve',
    );
    expect(late.alert).toMatchObject({ level: 3, targetAgencyId: WATER_AGENCY, status: 'open' });

    // Reassigned before the repeat: the water utility hears nothing more until the alert closes.
    await send(flood.id, { type: 'ticket.assign', agencyId: VET_AGENCY });
    const movedAt = all.water.pushes.length;
    await fireFor(8 * 60);
    // Long past every deadline: the Yesil akimat has been told, and the wall saw it.
    await all.akimat.inbox.alert((p) => p.alert.ticketId === flood.id, 5000);
    await all.wall.inbox.alert((p) => p.alert.targetAgencyId === AKIMAT && p.alert.ticketId === flood.id);
    await send(flood.id, { type: 'ticket.resolve', resolution: 'Pumped out.' }, stack.staff.vet);
    await all.water.inbox.alert((p) => p.alert.id === late.alert.id && p.alert.status === 'resolved');
    await settle(agencies, all.wall);

    for (const client of agencies) {
      expectScopedAlerts(client.who.user.agencyId!, client.pushes);
      expectOnlyAgencyEvents(client.pushes);
    }
    expect(ofFlood(all.heat)).toEqual([]);
    // Of the moved ticket's alerts its former agency got only the closing notice of its own one.
    const waterAfter = alertsIn(all.water.pushes.slice(movedAt)).filter((p) => p.alert.ticketId === flood.id);
    expect(waterAfter.map((p) => [p.event, p.alert.id, p.alert.status])).toEqual([
      ['alert:updated', late.alert.id, 'resolved'],
    ]);
    // The wall did see the repeats the water utility was spared.
    expect(
      alertsIn(all.wall.pushes).filter((p) => p.alert.id === late.alert.id && p.event === 'alert:raised'),
    ).not.toHaveLength(1);
    // The vet station is told about the ticket it holds now.
    expect(ofFlood(all.vet).some((p) => p.event === 'alert:raised')).toBe(true);
    // The akimat hears the alerts addressed to it, never the ticket itself.
    expect(alertsIn(all.akimat.pushes).every((p) => p.alert.targetAgencyId === AKIMAT)).toBe(true);
    expect(changesIn(all.akimat.pushes)).toEqual([]);
  });

  it('answers every client command aimed at other agencies with a typed error, never data', async () => {
    const { water, vet, wall } = await listenAll();
    const cold = await create('no-heating');
    await send(cold.id, { type: 'ticket.escalate', reason: 'Kindergarten is cold.' });
    const alert = await wall.inbox.alert((p) => p.alert.ticketId === cold.id);
    const emit = (event: string, payload: unknown) =>
      (water.socket.timeout(3000) as unknown as Untyped).emitWithAck(event, payload);

    // Acknowledging another agency's alert: not found, as if it did not exist.
    for (const payload of [{ alertId: alert.alert.id }, { alertId: 2_000_000_000 }]) {
      expect(await emit('alert:acknowledge', payload)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
    for (const payload of [
      { alertId: alert.alert.id, agencyId: HEAT_AGENCY },
      { alertId: String(alert.alert.id) },
      { sinceSeq: 0 },
      null,
    ]) {
      expect(await emit('alert:acknowledge', payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
    }
    // Asking a replay for someone else's room, or with extra fields: refused.
    for (const payload of [
      { sinceSeq: 0, agencyId: HEAT_AGENCY },
      { sinceSeq: 0, room: 'wall:all' },
      { sinceSeq: 0, rooms: [`agency:${VET_AGENCY}`] },
    ]) {
      expect(await emit('sync:since', payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request', fields: expect.any(Object) },
      });
    }
    // Commands the server does not have, including server→client facts sent back: a typed refusal.
    for (const event of [
      'join',
      'room:join',
      'subscribe',
      'agency:join',
      `agency:${HEAT_AGENCY}`,
      'wall:all',
      'ticket:changed',
      'alert:raised',
      'kpi:updated',
    ]) {
      expect(await emit(event, { agencyId: HEAT_AGENCY, room: `agency:${HEAT_AGENCY}` }), event).toEqual({
        ok: false,
        error: { code: 'unknown_command', message: expect.any(String) },
      });
    }
    // Nothing those attempts sent was relayed to anyone, and the water utility still gets nothing new.
    const dogs = await create('stray-dogs');
    await vet.inbox.change((c) => c.ticket.id === dogs.id);
    await send(cold.id, { type: 'ticket.comment', text: 'Boiler replaced.' });
    await wall.inbox.change((c) => c.ticket.id === cold.id && c.events[0]?.type === 'ticket.comment');
    await settle([water, vet], wall);
    expect(changesIn(water.pushes).every((c) => c.ticket.agencyId === WATER_AGENCY)).toBe(true);
    expect(alertsIn(water.pushes)).toEqual([]);
    expect(vet.pushes.map((p) => p.event).filter((e) => e !== 'ticket:changed')).toEqual([]);
  });

  it('scopes a replay (sync:since) to the agency, with only a departure notice for a ticket it lost', async () => {
    const since = await lastSeq();
    const flood = await create('flooding');
    await create('stray-dogs');
    const moved = await send(flood.id, { type: 'ticket.assign', agencyId: HEAT_AGENCY });
    await send(flood.id, { type: 'ticket.start' }, heat);
    await send(flood.id, { type: 'ticket.resolve', resolution: 'Heat restored.' }, heat);

    const water = await listen(stack.staff.water);
    const ack = await water.socket.timeout(5000).emitWithAck('sync:since', { sinceSeq: since });
    if (!ack.ok) throw new Error(`sync failed: ${ack.error.code}`);
    // Its own ticket left it: the replay says so, as it was at that moment, and nothing after.
    const { changes } = SyncResult.parse(ack.data);
    expect(changes).toHaveLength(1);
    const notice = changes[0]!;
    expect(notice.events.map((e) => [e.type, e.payload])).toEqual([
      ['ticket.assign', { agencyId: HEAT_AGENCY }],
    ]);
    expect(notice.ticket).toMatchObject<Partial<Ticket>>({
      id: flood.id,
      agencyId: HEAT_AGENCY,
      state: 'assigned',
      version: moved.version,
      closedAt: null,
      ackDueAt: null,
      resolveDueAt: null,
      acceptedEvents: [],
    });
    expect(notice.seq).toBe(notice.events[0]!.seq);
  });

  async function lastSeq(): Promise<number> {
    const rows = await stack.server.komek.db.query<{ seq: number }>(
      'select coalesce(max(seq), 0)::int8 as seq from ticket_events',
    );
    return Number(rows[0]!.seq);
  }
});

/** The socket without its typed event map, to send what a hostile client would. */
interface Untyped {
  emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
}
