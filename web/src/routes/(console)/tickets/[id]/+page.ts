import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

// The id is checked here so the page only ever asks the API for a plausible ticket.
export const load: PageLoad = ({ params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) error(404, 'not_found');
  return { id };
};
