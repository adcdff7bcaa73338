import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { SessionUser } from '#contracts/auth.contract.ts';
import { ApiError } from '../../lib/api.ts';
import { reference } from '../../lib/reference.svelte.ts';
import { session } from '../../lib/session.svelte.ts';
import { display, DISPLAY_PARAM } from '../../lib/wallboard/display.svelte.ts';
import type { PageLoad } from './$types';

/**
 * The wall needs a login (a person's, or a display token's) and the reference data. A screen opened
 * by URL (/wallboard?display=<token>) trades the token for a session before anything else, then
 * reloads as plain /wallboard: the redirect replaces the history entry, so the token leaves the
 * address bar. A token that will never work shows its own full-screen message, not the login form.
 */
export const load: PageLoad = async ({ url }): Promise<{ user: SessionUser | null }> => {
  const token = url.searchParams.get(DISPLAY_PARAM);
  if (token !== null) {
    await display.signIn(token);
    // Offline: keep the token in the address bar, so the retry can still use it.
    if (display.failure === 'offline') return { user: null };
    redirect(307, resolve('/wallboard'));
  }
  if (display.failure === 'revoked') return { user: null };
  let user: SessionUser | null;
  try {
    user = session.user ?? (await session.load());
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 0 && display.remembered)) throw err;
    display.unreachable();
    return { user: null };
  }
  if (!user) {
    if (!display.remembered) redirect(307, resolve('/login'));
    display.revoked();
    return { user: null };
  }
  if (user.role === 'display') display.resume();
  else display.forget();
  try {
    await reference.ensure();
  } catch (err) {
    // A wall screen waits for the server by itself; a person gets the error page and its retry.
    if (!(err instanceof ApiError && err.status === 0 && user.role === 'display')) throw err;
    display.unreachable();
    return { user: null };
  }
  return { user };
};
