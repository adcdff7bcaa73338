import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { lastEventSeq, listEventsSince } from '../../db/queries/ticket-events.ts';
import { systemClock } from '../../server/clock.ts';
import { CreateTicket, type Actor } from '../../server/contracts/ticket.contract.ts';
import { applyTicketEvent, createTicket, type EngineDeps } from '../../server/engine/ticket-engine.ts';
import { ticketFactory } from '../support/factories.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const OPERATOR: Actor = { userId: null, role: 'simulator' };
const PARALLEL = 20;

describe.each(DATABASE_KINDS)('engine under concurrency on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let deps: EngineDeps;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await migrate(db);
    deps = { db, clock: systemClock, cityTimeZone: 'Asia/Almaty' };
  });
  afterAll(() => database?.close());

  it(`${PARALLEL} parallel creates get distinct sequential numbers, and event seqs commit in order`, async () => {
    const startSeq = await lastEventSeq(db);
    // A reader polling the log the way a reconnecting wall does: it must never see a seq before a smaller one commits.
    const observed: number[] = [];
    let writing = true;
    const reader = (async () => {
      let since = startSeq;
      while (writing || since < startSeq + PARALLEL * 3) {
        const rows = await listEventsSince(db, since, 1000);
        for (const row of rows) {
          observed.push(row.seq);
          since = row.seq;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    const changes = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        createTicket(
          deps,
          CreateTicket.parse(ticketFactory({ description: `Parallel appeal ${i}` })),
          OPERATOR,
        ),
      ),
    );
    writing = false;
    await reader;

    const numbers = changes.map((c) => c.ticket.registrationNumber!);
    expect(new Set(numbers).size).toBe(PARALLEL);
    const values = numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: PARALLEL }, (_, i) => values[0]! + i));
    expect(values[0]).toBe(1);

    // Each create's three events are contiguous, and creates are ordered alike by seq, number and id.
    const byFirstSeq = [...changes].sort((a, b) => a.events[0]!.seq - b.events[0]!.seq);
    for (const c of byFirstSeq) {
      expect(c.events.map((e) => e.type)).toEqual(['ticket.create', 'ticket.register', 'ticket.assign']);
      const [a, b, d] = c.events.map((e) => e.seq);
      expect([b! - a!, d! - a!]).toEqual([1, 2]);
    }
    const numbersBySeq = byFirstSeq.map((c) => c.ticket.registrationNumber!);
    expect(numbersBySeq).toEqual([...numbersBySeq].sort());
    const idsBySeq = byFirstSeq.map((c) => c.ticket.id);
    expect(idsBySeq).toEqual([...idsBySeq].sort((x, y) => x - y));

    const allSeqs = changes.flatMap((c) => c.events.map((e) => e.seq)).sort((x, y) => x - y);
    expect(allSeqs).toEqual(Array.from({ length: PARALLEL * 3 }, (_, i) => startSeq + 1 + i));
    // The reader saw every seq exactly once, in order, with no gaps at any moment.
    expect(observed).toEqual(allSeqs);
  });

  it(`${PARALLEL} parallel commands on one ticket all apply, each on its own version`, async () => {
    const { ticket } = await createTicket(deps, CreateTicket.parse(ticketFactory()), OPERATOR);
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        applyTicketEvent(deps, ticket.id, { type: 'ticket.comment', text: `Note ${i}` }, OPERATOR),
      ),
    );
    const versions = results.map((r) => r.ticket.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: PARALLEL }, (_, i) => ticket.version + 1 + i));
    const stored = await db.query<{ version: number; comments: number }>(
      "select version, (snapshot->'context'->>'commentCount')::int as comments from tickets where id = $1",
      [ticket.id],
    );
    expect(stored).toEqual([{ version: ticket.version + PARALLEL, comments: PARALLEL }]);
  });

  it('with the same expectedVersion, exactly one of many parallel commands applies', async () => {
    const { ticket } = await createTicket(deps, CreateTicket.parse(ticketFactory()), OPERATOR);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        applyTicketEvent(deps, ticket.id, { type: 'ticket.comment', text: `Racing note ${i}` }, OPERATOR, {
          expectedVersion: ticket.version,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refusals = outcomes
      .filter((o) => o.status === 'rejected')
      .map((o) => o.reason as { status: number; code: string });
    expect(refusals).toHaveLength(9);
    for (const r of refusals) expect([r.status, r.code]).toEqual([409, 'stale_version']);
  });
});
