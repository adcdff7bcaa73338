import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { reference } from '../../lib/reference.svelte.ts';
import { usesConsole } from '../../lib/roles.ts';
import { requireUser } from '../../lib/session.svelte.ts';

// Console pages need a login and the reference data to label tickets. A wall display's account has
// one screen: any console address takes it back to the wall rather than to a read-only list.
export async function load() {
  const user = await requireUser();
  if (!usesConsole(user.role)) redirect(307, resolve('/wallboard'));
  await reference.ensure();
  return { user };
}
