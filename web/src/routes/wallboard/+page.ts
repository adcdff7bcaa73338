import { reference } from '../../lib/reference.svelte.ts';
import { requireUser } from '../../lib/session.svelte.ts';

// The wall needs a login (a display account) and the reference data for names and the map.
export async function load() {
  const user = await requireUser();
  await reference.ensure();
  return { user };
}
