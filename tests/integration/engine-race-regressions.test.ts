import { describe, expect, it } from 'vitest';
import type { Db, Sql } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { systemClock } from '../../server/clock.ts';
import { CreateTicket, type Actor } from '../../server/contracts/ticket.contract.ts';
import { applyTicketEvent, createTicket } from '../../server/engine/ticket-engine.ts';
import { createLogger } from '../../server/logger.ts';
import { recordingRealtime } from '../../server/realtime/realtime.ts';
import { TicketService } from '../../server/tickets/ticket.service.ts';
import type { TicketState } from '../../workflows/ticket/ticket.types.ts';
import { createUser, ticketFactory } from '../support/factories.ts';
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind } from '../support/test-database.ts';
import { INCIDENT_OPEN_STATES } from '../support/ticket-model.ts';
import { agencyEventsOutOfTurn, readLog } from './engine-property-checks.ts';
import { CITY_TIME_ZONE } from './engine-property-world.ts';

// Races the engine property (engine-properties.test.ts) found, each pinned as an example that slots
// the racing write into the exact gap it once slipped through, on a database of its own.

describe.each(DATABASE_KINDS)('an agency command racing a reassignment on %s', (kind: DatabaseKind) => {
  // A bug this property found: the service once checked an agency user's access on a read outside
  // the engine's transaction, so a reassignment committed in between let the first agency act on the
  // second agency's ticket. Access is now decided on the locked row; this example slots a reassignment
  // into any read the service makes before the engine's transaction, so the gap cannot come back.
  it('never applies a command to a ticket the agency no longer holds', async () => {
    const outOfTurn = await reassignDuringAccessCheck(kind);
    if (outOfTurn) expect(outOfTurn).toEqual([]);
  });
});

/**
 * Files a flooding appeal (routed to the water utility), lets the water crew send `ticket.accept`
 * through the service while the reassignment to the veterinary service commits between its access
 * check and its write, and returns the log's agency events out of turn; null when it could not stage that.
 */
async function reassignDuringAccessCheck(kind: DatabaseKind): Promise<string[] | null> {
  const database = await createTestDatabase(kind);
  try {
    const { db } = database;
    await migrate(db);
    const deps = { db, clock: systemClock, cityTimeZone: CITY_TIME_ZONE };
    const system: Actor = { userId: null, role: 'simulator' };
    const { ticket } = await createTicket(deps, CreateTicket.parse(ticketFactory()), system);
    const water = await createUser(db, { role: 'agency', agencyId: 'astana-su-arnasy' });
    let reassigned = false;
    // The service's first read outside a transaction is its access check; the reassignment commits
    // right after it, before the engine locks the ticket.
    const racing: Db = {
      ...db,
      async query<T>(text: string, params?: readonly unknown[]) {
        const rows = await db.query<T>(text, params);
        if (!reassigned) {
          reassigned = true;
          await applyTicketEvent(
            deps,
            ticket.id,
            { type: 'ticket.assign', agencyId: 'veterinary-service' },
            system,
          );
        }
        return rows;
      },
    };
    const tickets = new TicketService({ ...deps, db: racing }, recordingRealtime(), createLogger('silent'));
    const viewer = { ...water, displayName: 'Water crew', role: 'agency' as const };
    await tickets.command(viewer, ticket.id, { type: 'ticket.accept' }).catch(() => undefined);
    return reassigned ? agencyEventsOutOfTurn(await readLog(db, [ticket.id])) : null;
  } catch {
    return null;
  } finally {
    await database.close();
  }
}

describe('a merge racing the resolution of its incident on postgres', () => {
  // A bug this property found (PostgreSQL; PGlite runs one transaction at a time): the merge read its
  // incident without a lock, so a resolution committed between that read and the merge's commit missed
  // the appeal, which then waited forever merged into a finished incident. The merge now share-locks the
  // incident; here the resolution is slotted right after the merge's read and must wait for it.
  it('never leaves an appeal merged into a resolved incident', async () => {
    const stranded = await resolveDuringMergeCheck();
    if (stranded) expect(stranded).toEqual([]);
  });
});

/**
 * Files two flooding appeals and merges the first into the second while the second's resolution
 * commits between the merge's read of it and the merge's commit; returns the appeals left waiting for
 * an incident that is no longer open, or null when it could not stage that.
 */
async function resolveDuringMergeCheck(): Promise<string[] | null> {
  const database = await createTestDatabase('postgres');
  try {
    const { db } = database;
    await migrate(db);
    const deps = { db, clock: systemClock, cityTimeZone: CITY_TIME_ZONE };
    const system: Actor = { userId: null, role: 'simulator' };
    const file = async () => (await createTicket(deps, CreateTicket.parse(ticketFactory()), system)).ticket;
    const [appeal, incident] = [await file(), await file()];
    let resolving: Promise<unknown> | null = null;
    const resolve = () =>
      applyTicketEvent(deps, incident.id, { type: 'ticket.resolve', resolution: 'Pumped out' }, system);
    const afterReadOfIncident = (tx: Sql): Sql => ({
      async query<T>(text: string, params?: readonly unknown[]) {
        const rows = await tx.query<T>(text, params);
        if (!resolving && params?.[0] === incident.id && !/for update/i.test(text)) {
          resolving = resolve();
          // An engine that locks the incident here makes the resolution wait: go on after a while.
          await Promise.race([resolving, new Promise((done) => setTimeout(done, 2000))]);
        }
        return rows;
      },
    });
    const racing: Db = { ...db, transaction: (fn) => db.transaction((tx) => fn(afterReadOfIncident(tx))) };
    const merge = { type: 'ticket.merge' as const, incidentId: incident.id };
    await applyTicketEvent({ ...deps, db: racing }, appeal.id, merge, system);
    if (!resolving) return null;
    await resolving;
    const rows = await db.query<{ id: number; state: TicketState; incident_state: TicketState | null }>(
      `select t.id, t.state, i.state as incident_state from tickets t left join tickets i on i.id = t.merged_into_id
       where t.id = $1`,
      [appeal.id],
    );
    return rows
      .filter((r) => r.state === 'merged' && !INCIDENT_OPEN_STATES.includes(r.incident_state!))
      .map((r) => `ticket ${r.id} waits merged into a ${r.incident_state} incident`);
  } catch {
    return null;
  } finally {
    await database.close();
  }
}
