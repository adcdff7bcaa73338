import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type Db } from '../../db/client.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.ts';
import {
  expectApiError,
  startTestServer,
  type ApiResponse,
  type TestServer,
  type TestServerOptions,
} from '../support/test-server.ts';

const PER_HOUR = 4;
const TOKEN_MS = 3_600_000 / PER_HOUR;

/**
 * The public form's limit per client address is kept in the database: servers on one database
 * count against one limit, and a restarted server remembers it.
 */
describe('public report rate limits shared through the database', () => {
  let now = Date.parse('2026-11-26T09:00:00Z');
  const options: TestServerOptions = {
    clock: () => new Date(now),
    env: { PUBLIC_REPORTS_PER_HOUR: String(PER_HOUR) },
  };
  let database: TestDatabase;
  let secondDb: Db;
  let a: TestServer;
  let b: TestServer;
  const running: TestServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = await startTestServer(database.db, options);
    // A second process: its own connection pool to the same database.
    const [row] = await database.db.query<{ name: string }>('select current_database() as name');
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${row!.name}`;
    secondDb = connectPostgres(url.toString());
    b = await startTestServer(secondDb, options);
    running.push(a, b);
  });
  afterAll(async () => {
    for (const server of running) await server.close();
    await secondDb?.close();
    await database?.close();
  });

  /** An empty report (a 400 once past the limit check) from `from`, sent to `server`. */
  const report = (server: TestServer, from: string): Promise<ApiResponse> =>
    server.api().send('POST', '/api/public/reports', {
      body: '{}',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    });

  it('counts one address’s reports to either server against one limit', async () => {
    const from = '198.51.100.201';
    for (const server of [a, b, a, b]) expectApiError(await report(server, from), 400, 'invalid_request');
    for (const server of [a, b]) {
      const limited = await report(server, from);
      expectApiError(limited, 429, 'rate_limited');
      expect(limited.headers.get('retry-after')).toBe(String(TOKEN_MS / 1000));
    }
    // Another address has its own bucket on both.
    expectApiError(await report(b, '198.51.100.202'), 400, 'invalid_request');
  });

  it('keeps the count across a restart', async () => {
    const from = '2001:db8:7:7::1';
    for (let i = 0; i < PER_HOUR; i++) expectApiError(await report(b, from), 400, 'invalid_request');
    await b.close();
    running.splice(running.indexOf(b), 1);
    const restarted = await startTestServer(secondDb, options);
    running.push(restarted);
    // Another address in the same /64 is the same client.
    const limited = await report(restarted, '2001:db8:7:7::2');
    expectApiError(limited, 429, 'rate_limited');
    expect(limited.headers.get('retry-after')).toBe(String(TOKEN_MS / 1000));
    // A token comes back after its share of the hour, on whichever server.
    now += TOKEN_MS;
    expectApiError(await report(a, from), 400, 'invalid_request');
    expectApiError(await report(restarted, from), 429, 'rate_limited');
  });
});
