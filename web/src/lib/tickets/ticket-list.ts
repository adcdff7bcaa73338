import type { TicketQuery } from '../api.ts';
import type { Ticket } from '#contracts/ticket.contract.ts';
import { byNewest, isAtRisk, slaStateOf } from './sla-state.ts';
import { isOpen } from './ticket-state.ts';

const MINUTE_MS = 60_000;
/** The server's at-risk window when a query names none. */
const DEFAULT_RISK_WINDOW_MINUTES = 60;

const digits = (s: string) => s.replace(/[^0-9]/g, '');

/** Whether the search text is typed like a phone with enough digits to look inside residents' phones. */
const phoneSearch = (text: string) =>
  /^[+0-9 ()-]+$/.test(text) && digits(text).length >= 7 ? digits(text) : null;

/**
 * Whether a ticket belongs in a list fetched with `query` (client-side twin of the server's filter).
 * SLA states and the at-risk window are judged at `now`, which should be the server's clock as the
 * page estimates it (TicketsStore.now()).
 */
export function matchesQuery(query: TicketQuery, ticket: Ticket, now: Date = new Date()): boolean {
  if (query.state?.length && !query.state.includes(ticket.state)) return false;
  if (query.open !== undefined && isOpen(ticket) !== query.open) return false;
  if (query.categoryId && ticket.categoryId !== query.categoryId) return false;
  if (query.agencyId && ticket.agencyId !== query.agencyId) return false;
  if (query.districtId && ticket.districtId !== query.districtId) return false;
  if (query.channel && ticket.channel !== query.channel) return false;
  if (query.slaState?.length) {
    const state = slaStateOf(ticket, now);
    if (state === null || !query.slaState.includes(state)) return false;
  }
  const windowMinutes = query.riskWindowMinutes ?? DEFAULT_RISK_WINDOW_MINUTES;
  if (query.atRisk && !isAtRisk(ticket, now, windowMinutes * MINUTE_MS)) return false;
  const text = query.q?.trim().toLowerCase();
  if (text) {
    const haystack = [ticket.registrationNumber, ticket.address, ticket.description];
    const phone = phoneSearch(text);
    const inPhone =
      phone !== null && ticket.reporterPhone !== null && digits(ticket.reporterPhone).includes(phone);
    if (!inPhone && !haystack.some((field) => field?.toLowerCase().includes(text))) return false;
  }
  return true;
}

/**
 * The list after `ticket` changed: replaced or inserted where `compare` puts it (newest first unless
 * told) when it still belongs, removed when it no longer does. An older or equal version never
 * overwrites a newer one, so live pushes, replays and REST pages can arrive in any order. A push
 * carries no personal data: the resident's name and phone the list already had are kept.
 */
export function upsertTicket(
  list: readonly Ticket[],
  ticket: Ticket,
  belongs: boolean,
  compare: (a: Ticket, b: Ticket) => number = byNewest,
): readonly Ticket[] {
  const index = list.findIndex((t) => t.id === ticket.id);
  const existing = index >= 0 ? list[index] : undefined;
  if (existing && existing.version >= ticket.version) return list;
  const rest = existing ? list.toSpliced(index, 1) : list;
  if (!belongs) return rest;
  const next = existing ? withPersonalData(ticket, existing) : ticket;
  const at = rest.findIndex((t) => compare(next, t) < 0);
  return at < 0 ? [...rest, next] : rest.toSpliced(at, 0, next);
}

/** A pushed ticket with the personal data only the REST answer carried (it never changes by events). */
function withPersonalData(pushed: Ticket, known: Ticket): Ticket {
  return {
    ...pushed,
    reporterName: pushed.reporterName ?? known.reporterName,
    reporterPhone: pushed.reporterPhone ?? known.reporterPhone,
  };
}

/** Appends a further page, skipping tickets the list already holds. */
export function appendPage(list: readonly Ticket[], page: readonly Ticket[]): readonly Ticket[] {
  const known = new Set(list.map((t) => t.id));
  return [...list, ...page.filter((t) => !known.has(t.id))];
}
