import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  insertSession,
} from '../../db/queries/sessions.ts';
import { findActiveUser, findActiveUserByUsername, type UserRow } from '../../db/queries/users.ts';
import type { Clock } from '../clock.ts';
import type { LoginBody, SessionUser } from '../contracts/auth.contract.ts';
import { DomainError } from '../errors.ts';
import { hashPassword, verifyPassword } from './password.ts';

/** How long a login lasts: a wall display stays logged in for a month. */
export const SESSION_TTL_MS = 30 * 24 * 3600_000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

// Verifying against a real hash when the user is unknown keeps response times alike, so names cannot be probed.
let decoyHash: Promise<string> | null = null;

/** Maps a users row to what the app exposes. */
export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    agencyId: row.agency_id,
  };
}

/** Logins, logouts and the user behind a session cookie. */
export class SessionService {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Checks the credentials and opens a session; the token goes into the cookie, only its hash is stored. */
  async login(body: LoginBody): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
    const row = await findActiveUserByUsername(this.db, body.username);
    const ok = row
      ? await verifyPassword(row.password_hash, body.password)
      : await verifyPassword(await (decoyHash ??= hashPassword('decoy-password')), body.password).then(
          () => false,
        );
    if (!row || !ok) {
      throw new DomainError(401, 'invalid_credentials', 'Wrong username or password.', {
        password: 'wrong username or password',
      });
    }
    return this.open(row);
  }

  /** Opens a session for a user already proven some other way (a wall display's token). */
  async openFor(userId: number): Promise<{ token: string; user: SessionUser; expiresAt: Date } | null> {
    const row = await findActiveUser(this.db, userId);
    return row ? this.open(row) : null;
  }

  private async open(row: UserRow): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await deleteExpiredSessions(this.db, now);
    await insertSession(this.db, sha256(token), row.id, expiresAt);
    return { token, user: toSessionUser(row), expiresAt };
  }

  /** The user behind a cookie token, or null when it is unknown or expired. */
  async userForToken(token: string | undefined): Promise<SessionUser | null> {
    if (!token) return null;
    const row = await findSessionUser(this.db, sha256(token), this.clock());
    return row ? toSessionUser(row) : null;
  }

  /** Ends the session of this token. */
  async logout(token: string | undefined): Promise<void> {
    if (token) await deleteSession(this.db, sha256(token));
  }
}
