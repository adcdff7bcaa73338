import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { FINAL_TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import type { PublicTicketStatus, PublicTimelineEntry } from '../contracts/public.contract.ts';

const isFinal = (state: string) => (FINAL_TICKET_STATES as readonly string[]).includes(state);
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** An ISO time in UTC from a payload value, or undefined when it is not a time. */
function isoTime(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The public steps of a history: every change of state (the creation included) with its time,
 * and of what was said only the resolution, the answer given on first contact and the hold
 * reason with its date. Comments, reassignments within a state, dispute and cancel texts, who
 * acted and anything about the resident stay out.
 */
export function toPublicTimeline(events: readonly TicketEventRow[]): PublicTimelineEntry[] {
  return events
    .filter((e) => e.from_state === null || e.from_state !== e.to_state)
    .map((e) => {
      const entry: PublicTimelineEntry = {
        at: e.created_at.toISOString(),
        event: e.type.startsWith('ticket.') ? e.type.slice('ticket.'.length) : 'timer',
        fromState: e.from_state,
        state: e.to_state,
      };
      const p = e.payload;
      if (e.type === 'ticket.resolve') {
        const resolution = text(p.resolution);
        if (resolution) entry.resolution = resolution;
      } else if (e.type === 'ticket.close_first_contact') {
        const answer = text(p.answer);
        if (answer) entry.resolution = answer;
      } else if (e.type === 'ticket.hold') {
        const reason = text(p.reason);
        const until = isoTime(p.until);
        if (reason) entry.holdReason = reason;
        if (until) entry.holdUntil = until;
      }
      return entry;
    });
}

/** A ticket as its public status page shows it: no description, place, names or phones. */
export function toPublicStatus(
  t: TicketRecord & { registrationNumber: string },
  events: readonly TicketEventRow[],
  attachmentCount: number,
): PublicTicketStatus {
  return {
    registrationNumber: t.registrationNumber,
    categoryId: t.categoryId,
    state: t.state,
    districtId: t.districtId,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    resolveDueAt: t.resolveDueAt && !isFinal(t.state) ? t.resolveDueAt.toISOString() : null,
    closedAt: t.closedAt ? t.closedAt.toISOString() : null,
    attachmentCount,
    timeline: toPublicTimeline(events),
  };
}
