import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { seededRandom } from '../../server/simulator/random.ts';
import { Simulator } from '../../server/simulator/simulator.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { startTestStack, type TestStack } from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('demo simulator on %s', (kind) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(kind);
  });
  afterAll(() => stack?.close());

  it('files appeals at its rate and lets agencies work them through the real service', async () => {
    const { db, tickets } = stack.server.komek;
    let now = Date.now();
    const simulator = new Simulator(db, tickets, 600, createLogger('silent'), seededRandom(109), () => now);
    await simulator.prepare();

    await simulator.tick();
    const count = async (where = 'true') =>
      (await db.query<{ n: number }>(`select count(*)::int as n from tickets where ${where}`))[0]!.n;
    expect(await count()).toBe(10);

    // An hour later (for the simulator), agencies have moved tickets on.
    for (let i = 0; i < 20; i++) {
      now += 180_000;
      await simulator.tick();
    }
    expect(
      await count("state in ('accepted', 'in_progress', 'resolved', 'closed', 'on_hold')"),
    ).toBeGreaterThan(0);
    // Every change went through the machine: versions and event rows agree.
    const mismatched = await db.query(
      'select t.id from tickets t where t.version <> (select count(*) from ticket_events e where e.ticket_id = t.id)',
    );
    expect(mismatched).toEqual([]);
    await simulator.stop();
  });
});
