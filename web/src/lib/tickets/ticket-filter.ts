import type { TicketQuery } from '../api.ts';

/** `open` (every open state), `all`, or one state name. */
export type StateChoice = 'open' | 'all' | string;

/** What the filter bar of the ticket list edits; empty strings mean "any". */
export interface TicketFilterForm {
  state: StateChoice;
  categoryId: string;
  agencyId: string;
  districtId: string;
  q: string;
}

/** The filter a console starts with: every open appeal. */
export const DEFAULT_FILTER: Readonly<TicketFilterForm> = {
  state: 'open',
  categoryId: '',
  agencyId: '',
  districtId: '',
  q: '',
};

/** The GET /api/tickets query for a filter form. */
export function filterToQuery(form: TicketFilterForm): TicketQuery {
  const query: TicketQuery = {};
  if (form.state === 'open') query.open = true;
  else if (form.state !== 'all' && form.state) query.state = [form.state];
  if (form.categoryId) query.categoryId = form.categoryId;
  if (form.agencyId) query.agencyId = form.agencyId;
  if (form.districtId) query.districtId = form.districtId;
  const q = form.q.trim();
  if (q) query.q = q;
  return query;
}
