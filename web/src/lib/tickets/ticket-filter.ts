import type { Role } from '#contracts/auth.contract.ts';
import type { SlaState, TicketSort } from '#contracts/ticket.contract.ts';
import type { TicketQuery } from '../api.ts';

/** `open` (every open state), `all`, or one state name. */
export type StateChoice = 'open' | 'all' | string;

/** The whole list, or only the open tickets about to breach (sorted by deadline). */
export type ConsoleView = 'all' | 'atRisk';

/** The at-risk windows the console offers, in minutes. */
export const RISK_WINDOWS_MINUTES = [15, 30, 60, 120, 240] as const;

/** What the filter bar of the ticket list edits; empty strings mean "any". */
export interface TicketFilterForm {
  state: StateChoice;
  categoryId: string;
  agencyId: string;
  districtId: string;
  q: string;
  channel: string;
  slaState: SlaState | '';
  sort: TicketSort;
  view: ConsoleView;
  riskWindowMinutes: number;
}

/** The filter a console starts with: every open appeal, newest first. */
export const DEFAULT_FILTER: Readonly<TicketFilterForm> = {
  state: 'open',
  categoryId: '',
  agencyId: '',
  districtId: '',
  q: '',
  channel: '',
  slaState: '',
  sort: 'newest',
  view: 'all',
  riskWindowMinutes: 60,
};

/** Where a role starts: agency staff work a queue with the nearest deadline on top. */
export const defaultFilterFor = (role: Role | undefined): TicketFilterForm => ({
  ...DEFAULT_FILTER,
  sort: role === 'agency' ? 'deadline' : 'newest',
});

/**
 * The GET /api/tickets query for a filter form. The at-risk view is open tickets by deadline, so it
 * leaves out the state, SLA state and sort choices of the full list.
 */
export function filterToQuery(form: TicketFilterForm): TicketQuery {
  const query: TicketQuery = {};
  const atRisk = form.view === 'atRisk';
  if (atRisk || form.state === 'open') query.open = true;
  else if (form.state !== 'all' && form.state) query.state = [form.state];
  if (form.categoryId) query.categoryId = form.categoryId;
  if (form.agencyId) query.agencyId = form.agencyId;
  if (form.districtId) query.districtId = form.districtId;
  if (form.channel) query.channel = form.channel;
  if (atRisk) {
    query.atRisk = true;
    query.riskWindowMinutes = form.riskWindowMinutes;
  } else {
    if (form.slaState) query.slaState = [form.slaState];
    query.sort = form.sort;
  }
  const q = form.q.trim();
  if (q) query.q = q;
  return query;
}
