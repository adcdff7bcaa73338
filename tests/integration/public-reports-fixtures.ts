import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { PublicTicketStatus } from '../../server/contracts/public.contract.ts';
import { TicketPage, type Ticket } from '../../server/contracts/ticket.contract.ts';
import type { DatabaseKind } from '../support/test-database.ts';
import { expectStatus, startTestStack, type ApiResponse, type TestStack } from '../support/test-server.ts';

// What the suite of residents' public doors (public-reports.test.ts and its public-reports-*.suite.ts
// families) shares: a stack with a small attachment limit, a resident's valid report, and readers of
// what was stored and what the status page shows.

/** The attachment limit the suite's server runs with. */
export const MAX_BYTES = 32 * 1024;
/** The format of the registration numbers the suite's server gives out. */
export const REGISTRATION_NUMBER = /^\d{4}-\d{6}$/;
const METRES_PER_DEGREE = 111_195.08;

/** A point `north` and `east` metres from (lat, lon). */
export const offset = (lat: number, lon: number, north: number, east: number) => ({
  lat: lat + north / METRES_PER_DEGREE,
  lon: lon + east / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180)),
});

/** `file` as a data URL of media type `type`. */
export const dataUrl = (type: string, file: Uint8Array) =>
  `data:${type};base64,${Buffer.from(file).toString('base64')}`;

/** A resident's valid report near Baiterek; `overrides` replace fields (undefined removes one). */
export function reportFactory(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const report: Record<string, unknown> = {
    categoryId: 'flooding',
    description: 'Water over the road by the bus stop, cars cannot pass',
    lat: 51.128,
    lon: 71.43,
    name: 'Aigerim Bekova',
    phone: '+7 701 123 45 67',
    email: 'aigerim@example.kz',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete report[key];
    else report[key] = value;
  }
  return report;
}

// Every test files from its own address (TEST-NET-2), so the rate limit only counts what it means to.
let addressCounter = 0;
/** An address no earlier report came from. */
export const freshAddress = () => `198.51.100.${++addressCounter}`;

/** A suite's stack on one database, with its data directory, and how a resident and staff reach it. */
export class PublicReportsSuite {
  private started: TestStack | undefined;
  private dir: string | undefined;

  /** Starts the stack on `kind`, storing attachments under a fresh data directory. */
  async start(kind: DatabaseKind): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'komek-public-'));
    this.started = await startTestStack(kind, {
      env: { DATA_DIR: this.dir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) },
    });
  }

  async close(): Promise<void> {
    await this.started?.close();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  get stack(): TestStack {
    if (!this.started) throw new Error('the suite has not started');
    return this.started;
  }

  get dataDir(): string {
    if (!this.dir) throw new Error('the suite has not started');
    return this.dir;
  }

  /** A client without a login. */
  anonymous() {
    return this.stack.server.api();
  }

  /** POSTs a report anonymously from `from` (a fresh address unless given). */
  report(
    body: unknown,
    options: { from?: string; key?: string; raw?: string; contentType?: string } = {},
  ): Promise<ApiResponse> {
    return this.anonymous().send('POST', '/api/public/reports', {
      body: options.raw ?? JSON.stringify(body),
      headers: {
        'content-type': options.contentType ?? 'application/json',
        'x-forwarded-for': options.from ?? freshAddress(),
        ...(options.key && { 'idempotency-key': options.key }),
      },
    });
  }

  /** How many rows `table` holds. */
  async count(table: 'tickets' | 'attachments'): Promise<number> {
    return (
      await this.stack.server.komek.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)
    )[0]!.n;
  }

  /** How many attachment files are stored (the temporary directory left out). */
  async storedFiles(): Promise<number> {
    const dir = join(this.dataDir, 'attachments');
    const fans = await readdir(dir).catch(() => [] as string[]);
    let n = 0;
    for (const fan of fans.filter((f) => f !== 'tmp')) n += (await readdir(join(dir, fan))).length;
    return n;
  }

  /** The ticket behind a registration number, as an operator sees it. */
  async staffTicket(registrationNumber: string): Promise<Ticket> {
    const page = TicketPage.parse(
      (await this.stack.staff.operator.api.get(`/api/tickets?q=${registrationNumber}`)).body,
    );
    expect(page.items).toHaveLength(1);
    return page.items[0]!;
  }

  /** The public status page of a registration number. */
  async statusOf(registrationNumber: string) {
    const res = await this.anonymous().get(`/api/public/tickets/${registrationNumber}`);
    expectStatus(res, 200);
    return PublicTicketStatus.parse(res.body);
  }
}

/** A suite whose stack starts before its tests and closes after them. */
export function usePublicReports(kind: DatabaseKind): PublicReportsSuite {
  const suite = new PublicReportsSuite();
  beforeAll(() => suite.start(kind));
  afterAll(() => suite.close());
  return suite;
}
