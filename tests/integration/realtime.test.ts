import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncResult, type SyncRequest, type TicketChange } from '../../server/contracts/realtime.contract.ts';
import type { Ack } from '../../server/contracts/common.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectTicket,
  startTestStack,
  VET_AGENCY,
  WATER_AGENCY,
  type SignedIn,
  type TestStack,
} from '../support/test-server.ts';
import { connect, Inbox, openSocket, type ClientSocket } from '../support/test-socket.ts';

describe.each(DATABASE_KINDS)('realtime on %s', (kind) => {
  let stack: TestStack;
  const sockets: ClientSocket[] = [];

  /** A connected socket of `who` and the inbox recording its pushes. */
  async function listen(who: SignedIn): Promise<{ socket: ClientSocket; inbox: Inbox }> {
    const socket = openSocket(stack.server.url, who.cookie);
    sockets.push(socket);
    const inbox = new Inbox(socket);
    await connect(socket);
    return { socket, inbox };
  }

  async function syncSince(socket: ClientSocket, sinceSeq: number): Promise<Ack<SyncResult>> {
    return socket.timeout(5000).emitWithAck('sync:since', { sinceSeq });
  }

  beforeAll(async () => {
    stack = await startTestStack(kind);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => stack?.close());

  it('refuses a connection without a valid session cookie', async () => {
    const { operator } = stack.staff;
    for (const cookie of [undefined, 'komek_session=forged-token', `${operator.cookie}x`]) {
      const socket = openSocket(stack.server.url, cookie);
      sockets.push(socket);
      const error = await connect(socket).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe('unauthenticated');
      expect(socket.connected).toBe(false);
    }
  });

  it('pushes ticket:changed to the wall after a REST create, without personal data', async () => {
    const { inbox } = await listen(stack.staff.supervisor);
    const created = await stack.staff.operator.api.createTicket({
      reporterName: 'Arman Nurlanov',
      reporterPhone: '+7 705 000 11 22',
    });

    const change = await inbox.change((c) => c.ticket.id === created.id);
    expect(change.events.map((e) => e.type)).toEqual(['ticket.create', 'ticket.register', 'ticket.assign']);
    expect(change.seq).toBe(change.events.at(-1)!.seq);
    expect(change.events.map((e) => e.seq)).toEqual([change.seq - 2, change.seq - 1, change.seq]);
    expect(change.events[0]).toMatchObject({
      actorUserId: stack.staff.operator.user.id,
      actorName: 'Test operator',
      actorRole: 'operator',
    });
    expect(change.ticket).toMatchObject({
      id: created.id,
      registrationNumber: created.registrationNumber,
      state: 'assigned',
      agencyId: WATER_AGENCY,
      version: 3,
      reporterName: null,
      reporterPhone: null,
      acceptedEvents: [],
    });

    const commanded = expectTicket(await stack.staff.water.api.command(created.id, { type: 'ticket.start' }));
    const next = await inbox.change(
      (c) => c.ticket.id === created.id && c.ticket.version === commanded.version,
    );
    expect(next.seq).toBeGreaterThan(change.seq);
    expect(next.events.map((e) => [e.type, e.fromState, e.toState, e.actorRole])).toEqual([
      ['ticket.start', 'assigned', 'in_progress', 'agency'],
    ]);
  });

  it("pushes to agency staff their agency's tickets only", async () => {
    const water = await listen(stack.staff.water);
    const vet = await listen(stack.staff.vet);
    const wall = await listen(stack.staff.display);

    const dogs = await stack.staff.operator.api.createTicket({ categoryId: 'stray-dogs' });
    const flood = await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    const manhole = await stack.staff.operator.api.createTicket({ categoryId: 'open-manhole' });

    await water.inbox.change((c) => c.ticket.id === manhole.id);
    await vet.inbox.change((c) => c.ticket.id === dogs.id);
    await wall.inbox.change((c) => c.ticket.id === manhole.id);
    // Pushes reach a socket in the order they were sent, so by now anything misrouted would have arrived.
    expect(water.inbox.changes.map((c) => c.ticket.id)).toEqual([flood.id, manhole.id]);
    expect(vet.inbox.changes.map((c) => c.ticket.id)).toEqual([dogs.id]);
    expect(wall.inbox.changes.map((c) => c.ticket.id)).toEqual([dogs.id, flood.id, manhole.id]);

    // Moving the dogs to the water utility tells the vet station (its console drops the ticket) once.
    expectTicket(
      await stack.staff.supervisor.api.command(dogs.id, { type: 'ticket.assign', agencyId: WATER_AGENCY }),
    );
    expectTicket(await stack.staff.water.api.command(dogs.id, { type: 'ticket.start' }));
    const started = await water.inbox.change(
      (c) => c.ticket.id === dogs.id && c.ticket.state === 'in_progress',
    );
    await wall.inbox.change((c) => c.seq === started.seq);
    const vetSeen = vet.inbox.changes
      .filter((c) => c.ticket.id === dogs.id)
      .map((c) => [c.ticket.agencyId, c.ticket.state]);
    expect(vetSeen).toEqual([
      [VET_AGENCY, 'assigned'],
      [WATER_AGENCY, 'assigned'],
    ]);
    expect(vet.inbox.changes.every((c) => c.ticket.id === dogs.id)).toBe(true);
  });

  it('replays what a client missed while disconnected with sync:since, in seq order', async () => {
    const wall = await listen(stack.staff.supervisor);
    const water = await listen(stack.staff.water);
    const first = await stack.staff.operator.api.createTicket();
    const lastSeen = (await wall.inbox.change((c) => c.ticket.id === first.id)).seq;
    const waterLastSeen = (await water.inbox.change((c) => c.ticket.id === first.id)).seq;
    expect(waterLastSeen).toBe(lastSeen);
    wall.socket.disconnect();
    water.socket.disconnect();

    // Meanwhile: a new water ticket, work on the first one, and a ticket for another agency.
    const second = await stack.staff.operator.api.createTicket({ categoryId: 'open-manhole' });
    expectTicket(await stack.staff.water.api.command(first.id, { type: 'ticket.start' }));
    const dogs = await stack.staff.operator.api.createTicket({ categoryId: 'stray-dogs' });
    expectTicket(
      await stack.staff.water.api.command(first.id, { type: 'ticket.resolve', resolution: 'Drain cleared.' }),
    );

    const wallAgain = await listen(stack.staff.supervisor);
    const ack = await syncSince(wallAgain.socket, lastSeen);
    if (!ack.ok) throw new Error(`sync failed: ${ack.error.code}`);
    const result = SyncResult.parse(ack.data);
    expect(result.complete).toBe(true);
    // One change per ticket, its events in order; changes ordered by their last seq.
    expect(result.changes.map((c) => c.ticket.id)).toEqual([second.id, dogs.id, first.id]);
    const seqs = result.changes.flatMap((c) => c.events.map((e) => e.seq)).sort((a, b) => a - b);
    expect(seqs[0]).toBe(lastSeen + 1);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => lastSeen + 1 + i));
    expect(result.lastSeq).toBe(seqs.at(-1));
    expectSeqOrder(result.changes);
    const firstNow = result.changes.find((c) => c.ticket.id === first.id)!;
    expect(firstNow.events.map((e) => e.type)).toEqual(['ticket.start', 'ticket.resolve']);
    expect(firstNow.ticket).toMatchObject({ state: 'resolved', reporterName: null, reporterPhone: null });

    // Agency staff get only their agency's part of the gap.
    const waterAgain = await listen(stack.staff.water);
    const waterAck = await syncSince(waterAgain.socket, waterLastSeen);
    if (!waterAck.ok) throw new Error(`sync failed: ${waterAck.error.code}`);
    expect(waterAck.data.complete).toBe(true);
    expect(waterAck.data.changes.map((c) => c.ticket.id)).toEqual([second.id, first.id]);
    expectSeqOrder(waterAck.data.changes);

    // Nothing new since the last seq: an empty, complete answer that keeps the seq.
    const empty = await syncSince(wallAgain.socket, result.lastSeq);
    expect(empty).toEqual({ ok: true, data: { changes: [], complete: true, lastSeq: result.lastSeq } });
  });

  it('replays to an agency a reassignment that took a ticket away from it, and nothing after', async () => {
    const vet = await listen(stack.staff.vet);
    const dogs = await stack.staff.operator.api.createTicket({ categoryId: 'stray-dogs' });
    const lastSeen = (await vet.inbox.change((c) => c.ticket.id === dogs.id)).seq;
    vet.socket.disconnect();

    expectTicket(
      await stack.staff.supervisor.api.command(dogs.id, { type: 'ticket.assign', agencyId: WATER_AGENCY }),
    );
    expectTicket(await stack.staff.water.api.command(dogs.id, { type: 'ticket.start' }));

    const again = await listen(stack.staff.vet);
    const ack = await syncSince(again.socket, lastSeen);
    if (!ack.ok) throw new Error(`sync failed: ${ack.error.code}`);
    // Live, the vet station got the move and nothing after it; a resync tells it the same.
    expect(ack.data.complete).toBe(true);
    expect(ack.data.changes).toHaveLength(1);
    expect(ack.data.changes[0]!.events.map((e) => [e.type, e.payload.agencyId])).toEqual([
      ['ticket.assign', WATER_AGENCY],
    ]);
    expect(ack.data.changes[0]!.ticket).toMatchObject({ id: dogs.id, agencyId: WATER_AGENCY });
  });

  it('acks a bad sync:since payload with ok false and invalid_request', async () => {
    const { socket } = await listen(stack.staff.supervisor);
    const emit = (payload: unknown) => socket.timeout(5000).emitWithAck('sync:since', payload as SyncRequest);
    for (const payload of [
      { sinceSeq: -1 },
      { sinceSeq: 1.5 },
      { sinceSeq: '3' },
      {},
      { sinceSeq: 0, extra: true },
      null,
    ]) {
      const ack = await emit(payload);
      expect(ack.ok, JSON.stringify(payload)).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe('invalid_request');
        expect(ack.error.message).not.toBe('');
      }
    }
    expect((await emit({ sinceSeq: -1 })) as unknown).toMatchObject({
      ok: false,
      error: { fields: { sinceSeq: expect.any(String) } },
    });
    // The socket is still usable after the refusals.
    expect((await syncSince(socket, 0)).ok).toBe(true);
  });

  it('pushes kpi:updated to the wall within about a second of a change', async () => {
    const { inbox } = await listen(stack.staff.display);
    const before = inbox.kpis.length;
    const startedAt = Date.now();
    await stack.staff.operator.api.createTicket({ firstContactAnswer: 'Answered on the phone.' });
    const kpis = await inbox.kpi(before, 3000, (k) => k.firstContactToday >= 1);
    expect(Date.now() - startedAt).toBeLessThan(2500);
    expect(kpis.receivedToday).toBeGreaterThanOrEqual(1);
    expect(kpis.firstContactToday).toBeGreaterThanOrEqual(1);
    expect(kpis.firstContactRate).toBeGreaterThan(0);
    expect(kpis.firstContactTarget).toBe(0.85);
    expect(kpis.open).toBeGreaterThanOrEqual(0);
  });
});

/** Changes come oldest first, and each change's events are in seq order. */
function expectSeqOrder(changes: readonly TicketChange[]) {
  for (const c of changes) {
    const seqs = c.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(c.seq).toBe(seqs.at(-1));
  }
  const last = changes.map((c) => c.seq);
  expect(last).toEqual([...last].sort((a, b) => a - b));
}
