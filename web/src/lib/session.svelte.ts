import { redirect } from '@sveltejs/kit';
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import type { SessionUser } from '#contracts/auth.contract.ts';
import { api, ApiError, setUnauthenticatedHandler } from './api.ts';
import { realtime } from './realtime.svelte.ts';

/** The logged-in user, known once /api/auth/me or a login answered. */
class SessionStore {
  user = $state.raw<SessionUser | null>(null);

  /** Asks the server who is logged in; null when nobody is. */
  async load(): Promise<SessionUser | null> {
    try {
      this.user = await api.me();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.user = null;
      else throw err;
    }
    return this.user;
  }

  /** Logs in; throws ApiError (401 invalid_credentials with fields.password) on failure. */
  async login(username: string, password: string): Promise<SessionUser> {
    this.user = await api.login(username, password);
    return this.user;
  }

  /** Logs out, drops the socket and goes to the login page. */
  async logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      this.forget();
      await goto(resolve('/login'));
    }
  }

  /** Forgets the user and closes the live connection (after logout or an expired session). */
  forget(): void {
    this.user = null;
    realtime.stop();
  }
}

/** The one session of the app. */
export const session = new SessionStore();

setUnauthenticatedHandler(() => {
  session.forget();
  void goto(resolve('/login'));
});

/** For `load` functions of pages that need a login: the user, or a redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = session.user ?? (await session.load());
  if (!user) redirect(307, resolve('/login'));
  return user;
}
