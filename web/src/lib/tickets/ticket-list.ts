import type { TicketQuery } from '../api.ts';
import type { Ticket } from '#contracts/ticket.contract.ts';
import { isOpen } from './ticket-state.ts';

/** Whether a ticket belongs in a list fetched with `query` (client-side twin of the server's filter). */
export function matchesQuery(query: TicketQuery, ticket: Ticket): boolean {
  if (query.state?.length && !query.state.includes(ticket.state)) return false;
  if (query.open !== undefined && isOpen(ticket) !== query.open) return false;
  if (query.categoryId && ticket.categoryId !== query.categoryId) return false;
  if (query.agencyId && ticket.agencyId !== query.agencyId) return false;
  if (query.districtId && ticket.districtId !== query.districtId) return false;
  if (query.channel && ticket.channel !== query.channel) return false;
  const text = query.q?.trim().toLowerCase();
  if (text) {
    const haystack = [ticket.registrationNumber, ticket.address, ticket.description];
    if (!haystack.some((field) => field?.toLowerCase().includes(text))) return false;
  }
  return true;
}

/**
 * The list after `ticket` changed: replaced or inserted (kept newest first, by id) when it still
 * belongs, removed when it no longer does. An older or equal version never overwrites a newer one,
 * so live pushes, replays and REST pages can arrive in any order.
 */
export function upsertTicket(list: readonly Ticket[], ticket: Ticket, belongs: boolean): readonly Ticket[] {
  const index = list.findIndex((t) => t.id === ticket.id);
  const existing = index >= 0 ? list[index] : undefined;
  if (existing && existing.version >= ticket.version) return list;
  if (!belongs) return existing ? list.toSpliced(index, 1) : list;
  if (existing) return list.with(index, ticket);
  const at = list.findIndex((t) => t.id < ticket.id);
  return at < 0 ? [...list, ticket] : list.toSpliced(at, 0, ticket);
}

/** Appends a further page, skipping tickets the list already holds. */
export function appendPage(list: readonly Ticket[], page: readonly Ticket[]): readonly Ticket[] {
  const known = new Set(list.map((t) => t.id));
  return [...list, ...page.filter((t) => !known.has(t.id))];
}
