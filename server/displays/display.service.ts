import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import {
  insertDisplayToken,
  listDisplayTokens,
  revokeDisplayToken,
  useDisplayToken,
  type DisplayTokenRow,
} from '../../db/queries/display-tokens.ts';
import { insertUser } from '../../db/queries/users.ts';
import { requireAdmin, type Viewer } from '../auth/access.ts';
import { hashPassword } from '../auth/password.ts';
import type { SessionService } from '../auth/session.service.ts';
import type { Clock } from '../clock.ts';
import type { SessionUser } from '../contracts/auth.contract.ts';
import {
  DisplayRotation,
  type CreateDisplayToken,
  type DisplaySession,
  type DisplayToken,
  type IssuedDisplayToken,
} from '../contracts/display.contract.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Realtime } from '../realtime/realtime.ts';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Wall screens: an administrator issues a token per screen (a URL to open on it), revokes it when the
 * screen is lost or retired. Each token has a display user of its own, so revoking ends exactly that
 * screen's sessions and sockets.
 */
export class DisplayService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly sessions: SessionService;
  private readonly realtime: Realtime;
  private readonly logger: Logger;

  constructor(deps: { db: Db; clock: Clock; sessions: SessionService }, realtime: Realtime, logger: Logger) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.sessions = deps.sessions;
    this.realtime = realtime;
    this.logger = logger;
  }

  /** Issues a token for a new screen; `origin` is where the screen will open the URL. */
  async issue(viewer: Viewer, input: CreateDisplayToken, origin: string): Promise<IssuedDisplayToken> {
    requireAdmin(viewer, 'issue wall display tokens');
    const token = randomBytes(24).toString('base64url');
    const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
    const row = await this.db.transaction(async (tx) => {
      const user = await insertUser(tx, {
        username: `display-${randomBytes(5).toString('hex')}`,
        display_name: input.label,
        password_hash: passwordHash,
        role: 'display',
        agency_id: null,
      });
      return insertDisplayToken(tx, {
        tokenHash: sha256(token),
        label: input.label,
        userId: user.id,
        view: input.view,
        createdBy: viewer.id,
        at: this.clock(),
      });
    });
    this.logger.info({ displayTokenId: row.id, label: row.label, by: viewer.id }, 'display token issued');
    return { ...toDto(row), token, url: `${origin}/wallboard?display=${token}` };
  }

  /** Every screen's token (without the tokens), newest first. */
  async list(viewer: Viewer): Promise<DisplayToken[]> {
    requireAdmin(viewer, 'manage wall display tokens');
    return (await listDisplayTokens(this.db)).map(toDto);
  }

  /** Revokes a screen's token: its sessions stop working and its open sockets are closed now. */
  async revoke(viewer: Viewer, id: number): Promise<DisplayToken> {
    requireAdmin(viewer, 'revoke wall display tokens');
    const row = await revokeDisplayToken(this.db, id, this.clock());
    if (!row) throw notFound(`Live display token ${id}`);
    this.realtime.disconnectUser(row.user_id);
    this.logger.info({ displayTokenId: id, by: viewer.id }, 'display token revoked');
    return toDto(row);
  }

  /** A screen trades its token for a session; a wrong or revoked token is a 401. */
  async login(
    token: string,
  ): Promise<{ session: { token: string; user: SessionUser; expiresAt: Date }; display: DisplaySession }> {
    const row = await useDisplayToken(this.db, sha256(token), this.clock());
    const session = row ? await this.sessions.openFor(row.user_id) : null;
    if (!row || !session) {
      throw new DomainError(401, 'invalid_display_token', 'This display link is not valid or was revoked.', {
        token: 'is not a live display token',
      });
    }
    return { session, display: { user: session.user, view: DisplayRotation.parse(row.view) } };
  }
}

const toDto = (r: DisplayTokenRow): DisplayToken => ({
  id: r.id,
  label: r.label,
  view: DisplayRotation.parse(r.view),
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});
