import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { homePathFor } from '../lib/roles.ts';
import { requireUser } from '../lib/session.svelte.ts';

// `/` only decides where a user belongs: the wallboard or the ticket list, or the login page.
export async function load() {
  const user = await requireUser();
  redirect(307, resolve(homePathFor(user.role)));
}
