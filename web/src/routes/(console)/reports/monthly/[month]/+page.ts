import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/** A month as the API takes it (years 2000-2099, as the server's contract). */
const MONTH = /^(20\d{2})-(0[1-9]|1[0-2])$/;

// The month is checked here so the page only ever asks the API for a real one.
export const load: PageLoad = ({ params }) => {
  const match = MONTH.exec(params.month);
  if (!match) error(404, 'not_found');
  return { month: params.month, year: Number(match[1]), monthNumber: Number(match[2]) };
};
