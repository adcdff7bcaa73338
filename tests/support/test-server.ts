import { expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import { ApiError } from '../../server/contracts/common.contract.ts';
import { Ticket, TicketWithHistory } from '../../server/contracts/ticket.contract.ts';
import { createLogger } from '../../server/logger.ts';
import { startKomek, type RunningKomek } from '../../server/start.ts';
import { createUser, login, ticketFactory, type CreateTicketBody, type TestUser } from './factories.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './test-database.ts';

/** The password of the `admin` user every test server bootstraps. */
export const ADMIN_PASSWORD = 'admin-password-109';

/** An HTTP answer: status, headers and the body (parsed when it is JSON). */
export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Raw request options, for bodies that are not JSON on purpose. */
export interface RawRequest {
  body?: string;
  headers?: Record<string, string>;
}

/** HTTP calls as one user (the one behind `cookie`), or anonymously. */
export class ApiClient {
  readonly url: string;
  readonly cookie: string | undefined;

  constructor(url: string, cookie?: string) {
    this.url = url;
    this.cookie = cookie;
  }

  /** Sends exactly what it is given. */
  async send(method: string, path: string, init: RawRequest = {}): Promise<ApiResponse> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(this.cookie && { cookie: this.cookie }), ...init.headers },
      ...(init.body !== undefined && { body: init.body }),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('application/json') && text !== '';
    return { status: res.status, headers: res.headers, body: json ? (JSON.parse(text) as unknown) : text };
  }

  get(path: string): Promise<ApiResponse> {
    return this.send('GET', path);
  }

  post(path: string, body?: unknown): Promise<ApiResponse> {
    return this.send('POST', path, {
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
  }

  /** Registers an appeal (a valid one from `ticketFactory` unless overridden) and expects 201. */
  async createTicket(overrides: Partial<CreateTicketBody> = {}): Promise<Ticket> {
    return expectTicket(await this.post('/api/tickets', ticketFactory(overrides)), 201);
  }

  /** One ticket with its history; expects 200. */
  async ticket(id: number): Promise<TicketWithHistory> {
    const res = await this.get(`/api/tickets/${id}`);
    expectStatus(res, 200);
    return TicketWithHistory.parse(res.body);
  }

  /** Sends one command to a ticket. */
  command(id: number, command: Record<string, unknown>): Promise<ApiResponse> {
    return this.post(`/api/tickets/${id}/events`, command);
  }
}

/** Throws with the body in the message when the status is not the expected one (clearer than a bare mismatch). */
export function expectStatus(res: ApiResponse, status: number): void {
  if (res.status !== status)
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

/** The ticket of a successful answer, checked against the wire contract. */
export function expectTicket(res: ApiResponse, status = 200): Ticket {
  expectStatus(res, status);
  return Ticket.parse(res.body);
}

/** The `{ error }` of a failed answer, checked against the wire contract. */
export function apiError(res: ApiResponse): ApiError['error'] {
  return ApiError.parse(res.body).error;
}

/**
 * Expects a JSON error answer with this status and code and, when `fields` is given, exactly
 * those field names; returns the error for further checks.
 */
export function expectApiError(
  res: ApiResponse,
  status: number,
  code: string,
  fields?: string[],
): ApiError['error'] {
  expectStatus(res, status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const error = apiError(res);
  expect(error.code).toBe(code);
  expect(error.message).not.toBe('');
  if (fields) expect(Object.keys(error.fields ?? {}).sort()).toEqual([...fields].sort());
  return error;
}

/** A Komek on an ephemeral port, API only, simulator off, logs silent. */
export interface TestServer {
  url: string;
  komek: RunningKomek;
  /** HTTP as the user behind `cookie`, anonymous without one. */
  api(cookie?: string): ApiClient;
  close(): Promise<void>;
}

/** How a test server differs from the default: an injected clock, extra environment variables. */
export interface TestServerOptions {
  clock?: Clock;
  /** Configuration on top of the test defaults, as the environment would give it. */
  env?: Record<string, string>;
}

/** Starts Komek on `db` (migrating it and creating `admin`). */
export async function startTestServer(db: Db, options: TestServerOptions = {}): Promise<TestServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SIMULATOR: 'off',
    ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const komek = await startKomek(config, {
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    db,
    web: false,
    ...(options.clock && { clock: options.clock }),
  });
  return {
    url: komek.url,
    komek,
    api: (cookie) => new ApiClient(komek.url, cookie),
    close: () => komek.close(),
  };
}

/** A logged-in user of a suite. */
export interface SignedIn {
  user: TestUser;
  cookie: string;
  api: ApiClient;
}

/** The people most suites need: one per role, and staff of two different agencies. */
export interface Staff {
  admin: SignedIn;
  supervisor: SignedIn;
  operator: SignedIn;
  display: SignedIn;
  /** Astana Su Arnasy: gets flooding and open manholes. */
  water: SignedIn;
  /** The veterinary station: gets stray dogs. */
  vet: SignedIn;
}

/** Agencies the categories route to, as the reference data says. */
export const WATER_AGENCY = 'astana-su-arnasy';
export const VET_AGENCY = 'veterinary-service';

/** Creates and logs in the standard cast (once per suite: logins cost an argon2 verify each). */
export async function seedStaff(server: TestServer): Promise<Staff> {
  const { db } = server.komek;
  const signIn = async (user: TestUser): Promise<SignedIn> => {
    const cookie = await login(server.url, user.username, user.password);
    return { user, cookie, api: server.api(cookie) };
  };
  const adminCookie = await login(server.url, 'admin', ADMIN_PASSWORD);
  const adminId = (await db.query<{ id: number }>("select id from users where username = 'admin'"))[0]!.id;
  const [supervisor, operator, display, water, vet] = await Promise.all([
    createUser(db, { role: 'supervisor' }).then(signIn),
    createUser(db, { role: 'operator' }).then(signIn),
    createUser(db, { role: 'display' }).then(signIn),
    createUser(db, { role: 'agency', agencyId: WATER_AGENCY }).then(signIn),
    createUser(db, { role: 'agency', agencyId: VET_AGENCY }).then(signIn),
  ]);
  return {
    admin: {
      user: { id: adminId, username: 'admin', password: ADMIN_PASSWORD, role: 'admin', agencyId: null },
      cookie: adminCookie,
      api: server.api(adminCookie),
    },
    supervisor,
    operator,
    display,
    water,
    vet,
  };
}

/** A suite's whole world: its own database, a server on it and the standard cast. */
export interface TestStack {
  database: TestDatabase;
  server: TestServer;
  staff: Staff;
  close(): Promise<void>;
}

/** Starts a stack on a fresh database of `kind`; call `close` in afterAll. */
export async function startTestStack(
  kind: DatabaseKind,
  options: TestServerOptions = {},
): Promise<TestStack> {
  const database = await createTestDatabase(kind);
  let server: TestServer | undefined;
  try {
    server = await startTestServer(database.db, options);
    const staff = await seedStaff(server);
    const started = server;
    return {
      database,
      server,
      staff,
      async close() {
        await started.close();
        await database.close();
      },
    };
  } catch (err) {
    await server?.close();
    await database.close();
    throw err;
  }
}
