import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ticket } from '../../server/contracts/ticket.contract.ts';
import { createUser, login } from '../support/factories.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  startTestStack,
  VET_AGENCY,
  WATER_AGENCY,
  type ApiResponse,
  type SignedIn,
  type TestStack,
} from '../support/test-server.ts';
import { connect, Inbox, openSocket, type ClientSocket } from '../support/test-socket.ts';
import {
  changesIn,
  expectOnlyAgencyEvents,
  expectScopedAlerts,
  expectScopedChanges,
  recordPushes,
  type RawPush,
} from './socket-scoping-oracle.ts';

// Random runs of routing across three agencies: creates, reassignments back and forth, agencies
// accepting, starting or sending tickets back, comments and escalations. After each run every
// agency socket must have received exactly the changes of the tickets it held (in full) and the
// moves that took tickets away from it (as departure notices), checked two ways: against the wall's
// record of every change, and against the set of tickets the run's own REST answers say it held.
// FC_RUNS=100 explores longer; FC_SEED=<seed> replays a failure's seed.

const NUM_RUNS = Number(process.env.FC_RUNS ?? 12);
const HEAT_AGENCY = 'astana-teplotranzit';
const AGENCIES = [WATER_AGENCY, VET_AGENCY, HEAT_AGENCY] as const;
/** A category each agency gets by default, so a create lands where the run wants it. */
const CATEGORY_OF: Record<(typeof AGENCIES)[number], string> = {
  [WATER_AGENCY]: 'flooding',
  [VET_AGENCY]: 'stray-dogs',
  [HEAT_AGENCY]: 'no-heating',
};
const AGENCY_WORK = ['ticket.accept', 'ticket.start', 'ticket.reject', 'ticket.comment'] as const;

/** One step of a run; `ticket` picks among the run's tickets modulo their number. */
type Op =
  | { kind: 'create'; agency: number }
  | { kind: 'assign'; ticket: number; agency: number }
  | { kind: 'work'; ticket: number; type: (typeof AGENCY_WORK)[number] }
  | { kind: 'comment'; ticket: number }
  | { kind: 'escalate'; ticket: number };

const agency = fc.nat({ max: AGENCIES.length - 1 });
const pick = fc.nat({ max: 50 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: agency.map((a) => ({ kind: 'create' as const, agency: a })) },
  {
    weight: 5,
    arbitrary: fc.tuple(pick, agency).map(([t, a]) => ({ kind: 'assign' as const, ticket: t, agency: a })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(pick, fc.constantFrom(...AGENCY_WORK))
      .map(([t, type]) => ({ kind: 'work' as const, ticket: t, type })),
  },
  { weight: 1, arbitrary: pick.map((t) => ({ kind: 'comment' as const, ticket: t })) },
  { weight: 1, arbitrary: pick.map((t) => ({ kind: 'escalate' as const, ticket: t })) },
);

describe.each(DATABASE_KINDS)('Socket.IO scoping under random routing on %s', (kind) => {
  let stack: TestStack;
  const staff = new Map<string, SignedIn>();

  beforeAll(async () => {
    stack = await startTestStack(kind);
    await stack.server.komek.timers.stop();
    const heatUser = await createUser(stack.server.komek.db, { role: 'agency', agencyId: HEAT_AGENCY });
    const cookie = await login(stack.server.url, heatUser.username, heatUser.password);
    staff.set(WATER_AGENCY, stack.staff.water);
    staff.set(VET_AGENCY, stack.staff.vet);
    staff.set(HEAT_AGENCY, { user: heatUser, cookie, api: stack.server.api(cookie) });
  });
  afterAll(() => stack?.close());

  async function listen(who: SignedIn) {
    const socket = openSocket(stack.server.url, who.cookie);
    const pushes = recordPushes(socket);
    const inbox = new Inbox(socket);
    await connect(socket);
    return { socket, pushes, inbox };
  }

  it('gives each agency the tickets it held and the notices of those it lost, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const clients = await Promise.all(AGENCIES.map((a) => listen(staff.get(a)!)));
        const wall = await listen(stack.staff.supervisor);
        const sockets: ClientSocket[] = [...clients.map((c) => c.socket), wall.socket];
        try {
          const tickets = new Map<number, Ticket>();
          /** Every agency that held each ticket during the run, as the REST answers tell. */
          const heldBy = new Map<string, Set<number>>(AGENCIES.map((a) => [a, new Set<number>()]));
          const note = (res: ApiResponse) => {
            if (res.status >= 300) return;
            const t = Ticket.parse(res.body);
            tickets.set(t.id, t);
            if (t.agencyId) heldBy.get(t.agencyId)?.add(t.id);
          };
          const create = async (a: number) =>
            note(
              await stack.staff.operator.api.post('/api/tickets', {
                categoryId: CATEGORY_OF[AGENCIES[a]!],
                description: 'Random routing run',
                address: 'Kenesary 40',
              }),
            );
          await create(0);
          for (const step of ops) {
            const ids = [...tickets.keys()];
            const target = step.kind === 'create' ? undefined : tickets.get(ids[step.ticket % ids.length]!)!;
            switch (step.kind) {
              case 'create':
                await create(step.agency);
                break;
              case 'assign':
                note(
                  await stack.staff.supervisor.api.command(target!.id, {
                    type: 'ticket.assign',
                    agencyId: AGENCIES[step.agency]!,
                  }),
                );
                break;
              case 'work': {
                const holder = target!.agencyId && staff.get(target!.agencyId);
                if (!holder) break;
                const extra = step.type === 'ticket.reject' ? { reason: 'Not ours' } : {};
                const text = step.type === 'ticket.comment' ? { text: 'Crew note' } : {};
                note(await holder.api.command(target!.id, { type: step.type, ...extra, ...text }));
                break;
              }
              case 'comment':
                note(
                  await stack.staff.supervisor.api.command(target!.id, {
                    type: 'ticket.comment',
                    text: 'Hi',
                  }),
                );
                break;
              case 'escalate':
                note(
                  await stack.staff.supervisor.api.command(target!.id, {
                    type: 'ticket.escalate',
                    reason: 'Resident called again',
                  }),
                );
                break;
            }
          }

          // One marker per agency, created last: once it arrives, everything before it has.
          const markers = await Promise.all(
            AGENCIES.map((a) =>
              stack.staff.operator.api.createTicket({ categoryId: CATEGORY_OF[a], description: 'marker' }),
            ),
          );
          for (const m of markers) await wall.inbox.change((c) => c.ticket.id === m.id);
          for (const [i, client] of clients.entries())
            await client.inbox.change((c) => c.ticket.id === markers[i]!.id);

          const wallChanges = changesIn(wall.pushes).filter(
            (c) => !markers.some((m) => m.id === c.ticket.id),
          );
          for (const [i, a] of AGENCIES.entries()) {
            const pushes: RawPush[] = clients[i]!.pushes.filter(
              (p) => !markers.some((m) => (p.payload as { ticket?: { id: number } }).ticket?.id === m.id),
            );
            expectScopedChanges(a, changesIn(pushes), wallChanges);
            expectScopedAlerts(a, pushes);
            expectOnlyAgencyEvents(pushes);
            expect(new Set(changesIn(pushes).map((c) => c.ticket.id)), `tickets ${a} heard of`).toEqual(
              heldBy.get(a),
            );
          }
        } finally {
          for (const s of sockets) s.disconnect();
        }
      }),
      {
        numRuns: NUM_RUNS,
        ...(process.env.FC_SEED && { seed: Number(process.env.FC_SEED) }),
      },
    );
  }, 240_000);
});
