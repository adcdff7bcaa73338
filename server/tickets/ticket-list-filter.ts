import type { ListedTicket, TicketFilter } from '../../db/queries/ticket-list.ts';
import { FINAL_TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import { canSeePersonalData, type Viewer } from '../auth/access.ts';
import type { TicketListQuery, TicketSort } from '../contracts/ticket.contract.ts';
import { invalid } from '../errors.ts';

const MINUTE_MS = 60_000;
/** A search typed like a phone number (digits and the usual separators) with at least this many digits. */
const PHONE_SEARCH = /^[+0-9 ()-]+$/;
const PHONE_SEARCH_MIN_DIGITS = 7;
const NOT_A_CURSOR = 'is not a cursor from a previous page';

const isFinal = (s: string) => (FINAL_TICKET_STATES as readonly string[]).includes(s);

/**
 * The order a list comes in: what the query asks, else the agency's queue (nearest deadline first)
 * for agency staff and newest first for everyone else; the at-risk view is always by deadline.
 */
export function listSortFor(viewer: Viewer, q: Pick<TicketListQuery, 'sort' | 'atRisk'>): TicketSort {
  if (q.atRisk) return 'deadline';
  return q.sort ?? (viewer.role === 'agency' ? 'deadline' : 'newest');
}

/**
 * The database filter for a list query as `viewer` may see it at `now`: agency staff are fixed to
 * their agency whatever they ask, and only viewers who may see residents' phones search by them.
 */
export function ticketFilterFor(viewer: Viewer, q: TicketListQuery, now: Date): TicketFilter {
  const agencyIds = viewer.role === 'agency' ? [viewer.agencyId ?? ''] : q.agencyId;
  const personal = canSeePersonalData(viewer);
  const sort = listSortFor(viewer, q);
  const searchDigits = q.q && PHONE_SEARCH.test(q.q) ? q.q.replace(/[^0-9]/g, '') : '';
  return {
    ...(q.state && { states: q.state }),
    ...(q.categoryId && { categoryIds: q.categoryId }),
    ...(agencyIds && { agencyIds }),
    ...(q.districtId && { districtIds: q.districtId }),
    ...(q.channel && { channels: q.channel }),
    ...(q.mergedInto && { mergedIntoId: q.mergedInto }),
    // Residents' phones are personal data: wall displays cannot search by them.
    ...(q.phone && { phoneDigits: personal ? q.phone : '' }),
    ...(q.open === true && { excludeStates: FINAL_TICKET_STATES }),
    ...(q.open === false && { states: q.state?.filter((s) => isFinal(s)) ?? FINAL_TICKET_STATES }),
    ...(q.q && { text: q.q }),
    ...(personal && searchDigits.length >= PHONE_SEARCH_MIN_DIGITS && { textPhoneDigits: searchDigits }),
    ...(q.bbox && { bbox: q.bbox }),
    ...(q.slaState && { slaStates: q.slaState }),
    ...(q.atRisk && { riskUntil: new Date(now.getTime() + q.riskWindowMinutes * MINUTE_MS) }),
    ...pageAfter(q.cursor, sort),
    now,
    sort,
    limit: q.limit + 1,
  };
}

/** Where the next page starts, from a cursor of the same order (another order's cursor is a 400). */
function pageAfter(cursor: string | undefined, sort: TicketSort): Partial<TicketFilter> {
  if (!cursor) return {};
  const [deadline, id] = cursor.includes('_') ? cursor.split('_') : [undefined, cursor];
  if ((sort === 'deadline') !== (deadline !== undefined)) throw invalid({ cursor: NOT_A_CURSOR });
  if (deadline === undefined) return { beforeId: Number(id) };
  const deadlineAt = deadline === 'n' ? null : new Date(Number(deadline));
  if (deadlineAt && Number.isNaN(deadlineAt.getTime())) throw invalid({ cursor: NOT_A_CURSOR });
  return { after: { deadlineAt, id: Number(id) } };
}

/** The cursor that continues a list after `last`, in the list's order. */
export function cursorAfter(last: ListedTicket, sort: TicketSort): string {
  if (sort === 'newest') return String(last.id);
  return `${last.deadlineAt ? last.deadlineAt.getTime() : 'n'}_${last.id}`;
}
