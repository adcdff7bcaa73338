import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../db/client.ts';
import { Alert } from '../../server/contracts/alert.contract.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.ts';
import {
  expectTicket,
  seedStaff,
  startTestServer,
  type SignedIn,
  type Staff,
  type TestServer,
} from '../support/test-server.ts';
import { connect, Inbox, openSocket, type ClientSocket } from '../support/test-socket.ts';

const MINUTE_MS = 60_000;

/**
 * Two Komek processes behind a balancer share one PostgreSQL database: whatever one of them commits
 * (a command, a timer, an acknowledgement) reaches the sockets connected to the other.
 */
describe('several server processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let staff: Staff;
  let now = Date.parse('2026-11-25T06:00:00Z');
  const clock = () => new Date(now);
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = await startTestServer(database.db, { clock });
    const [row] = await database.db.query<{ name: string }>('select current_database() as name');
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${row!.name}`;
    b = await startTestServer(connectPostgres(url.toString()), { clock });
    staff = await seedStaff(a);
    // This suite decides which process fires timers, and when.
    await a.komek.timers.stop();
    await b.komek.timers.stop();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await a?.close();
    const bDb = b?.komek.db;
    await b?.close();
    await bDb?.close();
    await database?.close();
  });

  /** A socket of `who` connected to `server`, and what it receives. */
  async function listen(server: TestServer, who: SignedIn): Promise<{ socket: ClientSocket; inbox: Inbox }> {
    const socket = openSocket(server.url, who.cookie);
    sockets.push(socket);
    const inbox = new Inbox(socket);
    await connect(socket);
    return { socket, inbox };
  }
  /** The same user's HTTP calls, sent to `server`. */
  const via = (server: TestServer, who: SignedIn) => server.api(who.cookie);

  it('pushes a change committed by one process to the sockets of the other', async () => {
    const wallOnA = await listen(a, staff.supervisor);
    const waterOnA = await listen(a, staff.water);
    const kpisBefore = wallOnA.inbox.kpis.length;

    const ticket = await via(b, staff.operator).createTicket({ categoryId: 'flooding' });
    const seen = await wallOnA.inbox.change((c) => c.ticket.id === ticket.id);
    expect(seen.ticket.state).toBe('assigned');
    expect(seen.events.map((e) => e.type)).toEqual(['ticket.create', 'ticket.register', 'ticket.assign']);
    await waterOnA.inbox.change((c) => c.ticket.id === ticket.id);
    // The wall's figures follow too.
    await wallOnA.inbox.kpi(kpisBefore);

    expectTicket(await via(b, staff.water).command(ticket.id, { type: 'ticket.accept' }));
    await waterOnA.inbox.change((c) => c.ticket.id === ticket.id && c.ticket.state === 'accepted');
    // Each change reaches a socket once: the committing process does not relay its own notices.
    expect(wallOnA.inbox.changes.filter((c) => c.ticket.id === ticket.id)).toHaveLength(2);
  });

  it('pushes alerts raised by the other process’s timers, and acknowledgements made there', async () => {
    const wallOnA = await listen(a, staff.supervisor);
    const wallOnB = await listen(b, staff.supervisor);
    const ticket = await via(a, staff.operator).createTicket({ categoryId: 'flooding' });

    now += 12 * MINUTE_MS; // past the acknowledgement warning
    await b.komek.timers.fireDue();
    const raised = await wallOnA.inbox.alert((p) => p.alert.ticketId === ticket.id);
    expect(raised).toMatchObject({ event: 'alert:raised', alert: { level: 0, status: 'open' } });

    const ack = await wallOnA.socket
      .timeout(5000)
      .emitWithAck('alert:acknowledge', { alertId: raised.alert.id });
    if (!ack.ok) throw new Error(`acknowledge failed: ${ack.error.code}`);
    expect(Alert.parse(ack.data).status).toBe('acknowledged');
    await wallOnB.inbox.alert((p) => p.alert.id === raised.alert.id && p.alert.status === 'acknowledged');
  });
});
