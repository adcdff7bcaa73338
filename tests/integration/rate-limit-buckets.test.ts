import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { deleteFullRateLimitBuckets, takeRateLimitToken } from '../../db/queries/rate-limits.ts';
import { SharedTokenBuckets } from '../../server/public/rate-limit-buckets.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-26T09:00:00Z');

/** The same SQL on both databases: token buckets taken in one statement each. */
describe.each(DATABASE_KINDS)('rate limit buckets on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let keyCounter = 0;
  /** A client key no other test uses. */
  const freshKey = () => `192.0.2.${++keyCounter}`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await migrate(db);
  });
  afterAll(() => database?.close());

  const take = (key: string, capacity: number, atMs: number, scope = 'test') =>
    takeRateLimitToken(db, scope, key, { capacity, periodMs: HOUR }, new Date(atMs));

  const row = async (key: string, scope = 'test') =>
    (
      await db.query<{ tokens: number; refused_in_row: number; full_at: Date }>(
        'select tokens, refused_in_row, full_at from rate_limit_buckets where scope = $1 and client_key = $2',
        [scope, key],
      )
    )[0];

  it('allows a burst of the capacity, then refuses with the time until the next token', async () => {
    const key = freshKey();
    for (let i = 0; i < 20; i++) expect(await take(key, 20, START)).toEqual({ allowed: true });
    expect(await take(key, 20, START)).toEqual({ allowed: false, retryAfterMs: HOUR / 20 });
    expect(await take(key, 20, START + HOUR / 20 - 1000)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(await row(key)).toMatchObject({ refused_in_row: 2 });
    expect(await take(key, 20, START + HOUR / 20)).toEqual({ allowed: true });
    expect(await row(key)).toMatchObject({ refused_in_row: 0 });
    expect((await take(key, 20, START + HOUR / 20)).allowed).toBe(false);
  });

  it('keeps one bucket per scope and key, refilled to the capacity and no further', async () => {
    const key = freshKey();
    expect((await take(key, 2, START)).allowed).toBe(true);
    expect((await take(key, 2, START)).allowed).toBe(true);
    expect((await take(key, 2, START)).allowed).toBe(false);
    expect((await take(freshKey(), 2, START)).allowed).toBe(true);
    expect((await take(key, 2, START, 'other')).allowed).toBe(true);
    const later = START + 10 * HOUR;
    const outcomes = [await take(key, 2, later), await take(key, 2, later), await take(key, 2, later)];
    expect(outcomes.map((t) => t.allowed)).toEqual([true, true, false]);
  });

  it('adds nothing for a clock running behind the last request (another process’s)', async () => {
    const key = freshKey();
    await take(key, 1, START + 30 * 60_000);
    // Half an hour earlier by this process's clock: still the full hour to wait from the later request.
    expect(await take(key, 1, START)).toEqual({ allowed: false, retryAfterMs: HOUR });
    expect(await take(key, 1, START + 90 * 60_000)).toEqual({ allowed: true });
  });

  it('lets exactly the capacity through when one client’s requests arrive at once', async () => {
    const key = freshKey();
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => take(key, 10, START)));
    expect(outcomes.filter((t) => t.allowed)).toHaveLength(10);
    expect(await row(key)).toMatchObject({ tokens: 0, refused_in_row: 15 });
  });

  it('records when a bucket is full again, and prunes exactly the buckets full by then', async () => {
    const [once, drained] = [freshKey(), freshKey()];
    await take(once, 4, START);
    for (let i = 0; i < 4; i++) await take(drained, 4, START);
    // One token back takes a quarter of the hour; four take the hour.
    expect((await row(once))!.full_at).toEqual(new Date(START + HOUR / 4));
    expect((await row(drained))!.full_at).toEqual(new Date(START + HOUR));
    await deleteFullRateLimitBuckets(db, new Date(START + HOUR / 4));
    expect(await row(once)).toBeUndefined();
    expect(await row(drained)).toBeDefined();
    // A pruned bucket starts full again, as it would have been.
    for (let i = 0; i < 4; i++) expect((await take(once, 4, START + HOUR / 4)).allowed).toBe(true);
  });

  it('SharedTokenBuckets takes at its clock and sweeps full buckets at most every ten minutes', async () => {
    const MINUTE = 60_000;
    let now = START;
    const buckets = new SharedTokenBuckets({ db, clock: () => new Date(now) }, 'shared', {
      capacity: 1,
      periodMs: MINUTE,
    });
    const [a, b] = [freshKey(), freshKey()];
    // The first take sweeps; a's bucket is full again a minute later.
    expect(await buckets.take(a)).toEqual({ allowed: true });
    expect(await buckets.take(a)).toEqual({ allowed: false, retryAfterMs: MINUTE });
    now = START + 5 * MINUTE;
    await buckets.take(b);
    expect(await row(a, 'shared')).toBeDefined();
    now = START + 10 * MINUTE;
    await buckets.take(b);
    expect(await row(a, 'shared')).toBeUndefined();
    expect(await row(b, 'shared')).toBeDefined();
  });
});
