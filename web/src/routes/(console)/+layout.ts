import { reference } from '../../lib/reference.svelte.ts';
import { requireUser } from '../../lib/session.svelte.ts';

// Console pages need a login and the reference data to label tickets.
export async function load() {
  const user = await requireUser();
  await reference.ensure();
  return { user };
}
