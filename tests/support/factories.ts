import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Sql } from '../../db/client.ts';
import { insertUser, type UserRow } from '../../db/queries/users.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { SESSION_COOKIE } from '../../server/auth/cookies.ts';
import type { CreateTicket } from '../../server/contracts/ticket.contract.ts';

/** The body of POST /api/tickets as a client sends it (defaults not yet applied). */
export type CreateTicketBody = z.input<typeof CreateTicket>;

/** A point on the left bank of Astana, near Baiterek. */
export const ASTANA_POINT = { lat: 51.128, lon: 71.43 } as const;

let ticketCounter = 0;

/** A valid appeal in Astana: a flooded street by default; `overrides` replace any field. */
export function ticketFactory(overrides: Partial<CreateTicketBody> = {}): CreateTicketBody {
  ticketCounter += 1;
  return {
    categoryId: 'flooding',
    channel: 'phone',
    description: `Water over the road after the rain, appeal ${ticketCounter}`,
    lat: ASTANA_POINT.lat,
    lon: ASTANA_POINT.lon,
    address: 'Nurzhol boulevard 10',
    reporterName: 'Aigerim Bekova',
    reporterPhone: '+7 701 123 45 67',
    ...overrides,
  };
}

/** A user the tests can log in as. */
export interface TestUser {
  id: number;
  username: string;
  password: string;
  role: UserRow['role'];
  agencyId: string | null;
}

export const TEST_PASSWORD = 'test-password-109';

// argon2 costs ~50 ms a hash: every test user shares one password, hashed once per worker.
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
};

/** Inserts a user through the users queries; agency users need `agencyId`. */
export async function createUser(
  db: Sql,
  {
    role,
    agencyId = null,
    password = TEST_PASSWORD,
  }: { role: UserRow['role']; agencyId?: string | null; password?: string },
): Promise<TestUser> {
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const row = await insertUser(db, {
    username,
    display_name: `Test ${role}${agencyId ? ` (${agencyId})` : ''}`,
    password_hash: await hashOnce(password),
    role,
    agency_id: agencyId,
  });
  return { id: row.id, username, password, role, agencyId };
}

/** Logs in through the API and returns the `Cookie` header value that carries the session. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200)
    throw new Error(`login of ${username} failed with ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`login of ${username} set no ${SESSION_COOKIE} cookie`);
  return cookie;
}
