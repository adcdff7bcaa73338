import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { homePathFor } from '../../lib/roles.ts';
import { session } from '../../lib/session.svelte.ts';

// A user who is already logged in has nothing to do here.
export async function load() {
  const user = await session.load().catch(() => null);
  if (user) redirect(307, resolve(homePathFor(user.role)));
}
