import fc from 'fast-check';
import { MODEL_CATEGORIES, type ModelCategory } from '../support/ticket-model.ts';
import { parallel, race, raceMerge, raceReassign, raceTimers } from './engine-property-races.ts';
import {
  acknowledgeAlert,
  advance,
  create,
  fire,
  INVALID_KINDS,
  invalid,
  restart,
  send,
} from './engine-property-steps.ts';
import { DAY_MS } from './engine-property-world.ts';

// The arbitraries of an engine property run (engine-properties.test.ts): which steps, how often, with
// which picks and clock jumps.

const MAX_STEPS = 40;
const index = fc.nat({ max: 1000 });
const duration = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 300 }).map((s) => s * 1000) },
  { weight: 4, arbitrary: fc.integer({ min: 5, max: 180 }).map((min) => min * 60_000) },
  { weight: 3, arbitrary: fc.integer({ min: 3, max: 30 }).map((h) => h * 3600_000) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((d) => d * DAY_MS) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 35 }).map((d) => d * DAY_MS) },
);
const category = fc.constantFrom(...(Object.keys(MODEL_CATEGORIES) as ModelCategory[]));
/** The steps of a run. */
const steps = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(category, fc.nat({ max: 5 })).map(([c, n]) => create(c, n === 0)) },
    {
      weight: 8,
      arbitrary: fc.tuple(index, index, index, fc.boolean(), fc.boolean()).map((a) => send(...a)),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...INVALID_KINDS), index, index).map((a) => invalid(...a)),
    },
    { weight: 7, arbitrary: duration.map(advance) },
    { weight: 4, arbitrary: fc.constantFrom<(1 | 2)[]>(1, 1, 2).map(fire) },
    { weight: 1, arbitrary: fc.constant(null).map(restart) },
    {
      weight: 2,
      arbitrary: fc.tuple(index, fc.array(index, { minLength: 2, maxLength: 3 })).map((a) => race(...a)),
    },
    { weight: 1, arbitrary: fc.array(index, { minLength: 2, maxLength: 3 }).map(parallel) },
    { weight: 1, arbitrary: fc.tuple(index, index).map((a) => raceTimers(...a)) },
    { weight: 1, arbitrary: fc.tuple(index, index, index).map((a) => raceReassign(...a)) },
    { weight: 1, arbitrary: fc.tuple(index, index).map((a) => raceMerge(...a)) },
    { weight: 1, arbitrary: index.map(acknowledgeAlert) },
  );
/** A run: one to three appeals filed, then up to MAX_STEPS steps. */
export const run = () =>
  fc.tuple(
    fc.array(category, { minLength: 1, maxLength: 3 }).map((cs) => cs.map((c) => create(c, false))),
    fc.commands([steps()], { maxCommands: MAX_STEPS, size: 'max' }),
  );
