import type { DisplayRotation } from '#contracts/display.contract.ts';
import { api, ApiError } from '../api.ts';
import { realtime } from '../realtime.svelte.ts';
import { session } from '../session.svelte.ts';

/** The query parameter of a wall screen's URL: /wallboard?display=<token>. */
export const DISPLAY_PARAM = 'display';

/** What this browser remembers of being a wall screen: what to show, never the token. */
const STORAGE_KEY = 'komek.display';

/** Why a wall screen cannot run: its link is no good, or the server cannot be reached. */
export type DisplayFailure = 'revoked' | 'offline';

function readRemembered(): { view: DisplayRotation | null } | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    const value: unknown = text === null ? null : JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const view = (value as { view?: unknown }).view;
    const valid =
      typeof view === 'object' &&
      view !== null &&
      Array.isArray((view as { rotate?: unknown }).rotate) &&
      typeof (view as { intervalSeconds?: unknown }).intervalSeconds === 'number';
    return { view: valid ? (view as DisplayRotation) : null };
  } catch {
    return null;
  }
}

function writeRemembered(value: { view: DisplayRotation | null } | null): void {
  try {
    if (value === null) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  } catch {
    // A locked-down kiosk without storage: a reload after revocation shows the login page instead.
  }
}

/**
 * A wall screen opened by URL. The token is traded for a session once and then dropped; the
 * browser remembers only that it is a display and which views to rotate, so a reload keeps
 * rotating, and a screen whose link was revoked says so instead of showing the login form.
 */
class DisplayStore {
  /** The views to rotate; null on a wall a person opened with their own login. */
  view = $state.raw<DisplayRotation | null>(null);
  /** Why the screen cannot show the wall; null while it can. */
  failure = $state<DisplayFailure | null>(null);

  /** Trades the URL's token for a session (sets the cookie). False when it did not work; `failure` says why. */
  async signIn(token: string): Promise<boolean> {
    try {
      const opened = await api.displayLogin(token);
      session.user = opened.user;
      this.view = opened.view;
      this.failure = null;
      writeRemembered({ view: opened.view });
      return true;
    } catch (err) {
      // 400 (a mangled token) and 401 (unknown or revoked) both mean this link will never work.
      const refused = err instanceof ApiError && err.status >= 400 && err.status < 500;
      if (refused) writeRemembered({ view: null });
      this.failure = refused ? 'revoked' : 'offline';
      return false;
    }
  }

  /** Whether this browser was set up as a wall screen. */
  get remembered(): boolean {
    return readRemembered() !== null;
  }

  /** A display session found by its cookie (a reload): rotate what the token said. */
  resume(): void {
    this.view ??= readRemembered()?.view ?? null;
    this.failure = null;
  }

  /** The session is gone while this browser is a wall screen: its link was revoked (or expired). */
  revoked(): void {
    this.failure = 'revoked';
    session.user = null;
    realtime.stop();
  }

  /** The server could not be reached while finding out who this is. */
  unreachable(): void {
    this.failure = 'offline';
  }

  /** A person uses this browser (their own login, or "staff sign-in"): it is no longer a wall screen. */
  forget(): void {
    this.view = null;
    this.failure = null;
    writeRemembered(null);
  }

  /**
   * The socket dropped: ask who this is. A 401 means the token was revoked (the server closes a
   * revoked screen's socket at once); anything else is an outage the connection banner shows.
   */
  async checkSession(): Promise<void> {
    try {
      await api.me();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.revoked();
    }
  }
}

/** The one display state of the app. */
export const display = new DisplayStore();
