import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createUser } from '../support/factories.ts';
import { DATABASE_KINDS, type DatabaseKind } from '../support/test-database.ts';
import { startTestStack, type TestStack } from '../support/test-server.ts';
import type { RunModel } from '../support/ticket-model.ts';
import { run } from './engine-property-arbitraries.ts';
import { checkKpis, finishTickets } from './engine-property-checks.ts';
import { loadCalendars, START, World } from './engine-property-world.ts';

// Property tests of the engine: random interleavings of commands (valid, invalid and racing), clock
// jumps from seconds to weeks, timer firings and server restarts, through the real HTTP API on both
// databases. After every step the model (the pure machine plus the engine's rules) must explain every
// new event in the log, and the log, timers, alerts and SLA clocks must keep the engine's invariants;
// after every run the KPI report must equal a brute-force recount over the log. A failure prints the
// shrunk run, each step with what it resolved to (which ticket, which command, what came back).
// FC_RUNS=200 explores longer; FC_SEED=<seed> replays a failure's seed.
//
// The model, steps, arbitraries and checks are in engine-property-*.ts; the races this property found
// are pinned as examples in engine-race-regressions.test.ts.

const NUM_RUNS = Number(process.env.FC_RUNS ?? 20);

describe.each(DATABASE_KINDS)('engine invariants under random interleavings on %s', (kind: DatabaseKind) => {
  const clock = { now: START };
  let stack: TestStack | undefined;
  let world: World | undefined;

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(clock.now) });
    // The runs fire timers themselves, at the moments they choose.
    await stack.server.komek.timers.stop();
    const { db } = stack.server.komek;
    const akimat = await createUser(db, { role: 'agency', agencyId: 'akimat-yesil' });
    world = new World(stack, akimat, clock, await loadCalendars(db));
  });
  afterAll(async () => {
    await world?.server.close();
    await stack?.database.close();
  });

  it('keeps the log, timers, alerts, SLA clocks and KPIs consistent', { timeout: 300_000 }, async () => {
    const w = world!;
    await fc.assert(
      fc.asyncProperty(run(), async ([creates, commands]) => {
        clock.now += 1000; // the run's tickets, and its report period, start after every earlier one
        const model: RunModel = { now: clock.now, startedAt: clock.now, tickets: [], trace: [] };
        try {
          await fc.asyncModelRun(() => ({ model, real: w }), [...creates, ...commands]);
          await checkKpis(model, w);
        } finally {
          await finishTickets(model, w).catch(() => undefined);
        }
      }),
      { numRuns: NUM_RUNS, ...(process.env.FC_SEED && { seed: Number(process.env.FC_SEED) }) },
    );
  });
});
