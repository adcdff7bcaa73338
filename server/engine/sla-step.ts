import type { Sql } from '../../db/client.ts';
import { findCalendar, findSlaTerms } from '../../db/queries/sla.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { roundTheClock } from '../../workflows/sla/business-calendar.ts';
import { isSlaRunning, slaDueAt, slaWarnAt, type SlaClock } from '../../workflows/sla/sla-clock.ts';
import {
  nextTicketSla,
  type Priority,
  type SlaClockName,
  type SlaTerms,
  type TicketSla,
} from '../../workflows/sla/ticket-sla.ts';
import { invalid } from '../errors.ts';

/** The calendar of a ticket nobody holds yet: the centre answers 109 around the clock. */
export const CENTRE_CALENDAR_ID = 'round-the-clock';

type Draft = Omit<TicketRecord, 'id'>;

/** The terms a new ticket of `categoryId` at `priority` is registered under. */
export async function termsFor(tx: Sql, categoryId: string, priority: Priority): Promise<SlaTerms> {
  const terms = await findSlaTerms(tx, categoryId, priority);
  if (!terms) throw invalid({ categoryId: `no deadline policy applies to "${categoryId}" at ${priority}` });
  return terms;
}

/**
 * Moves the ticket's deadlines along with the step from `before` to `next` (written into `next`): the
 * clocks, the due and warning columns that queries and screens read. Returns the clocks whose
 * escalation plan changed. Steps that change neither state nor agency leave the deadlines alone.
 */
export async function stepDeadlines(
  tx: Sql,
  ctx: { cityTimeZone: string },
  before: Draft,
  next: Draft,
  eventType: string,
  at: Date,
): Promise<{ replanned: SlaClockName[] }> {
  const agencyChanged = before.agencyId !== next.agencyId;
  if (before.state === next.state && !agencyChanged && eventType !== 'ticket.reopen')
    return { replanned: [] };

  // Tickets filed before deadlines were data get the current terms from here on.
  const current: TicketSla = before.sla ?? {
    terms: await termsFor(tx, next.categoryId, next.priority),
    ack: null,
    resolve: null,
  };
  const calendar =
    (await findCalendar(
      tx,
      next.agencyId ? { agencyId: next.agencyId } : { calendarId: CENTRE_CALENDAR_ID },
      ctx.cityTimeZone,
      at,
    )) ?? roundTheClock(ctx.cityTimeZone);
  const sla = nextTicketSla(
    current,
    { from: before.state, to: next.state, eventType, calendar, agencyChanged },
    at,
  );
  next.sla = sla;
  next.ackDueAt = running(sla.ack) ? slaDueAt(sla.ack) : null;
  next.ackWarnAt = running(sla.ack) ? slaWarnAt(sla.ack) : null;
  // A paused or stopped resolution clock keeps the deadline it last had, for the record.
  if (running(sla.resolve)) next.resolveDueAt = slaDueAt(sla.resolve);
  // A merged appeal's deadline is its incident's.
  if (next.state === 'merged') next.resolveDueAt = null;
  next.resolveWarnAt = running(sla.resolve) ? slaWarnAt(sla.resolve) : null;

  const replanned = (['ack', 'resolve'] as const).filter(
    (name) => JSON.stringify(current[name]) !== JSON.stringify(sla[name]),
  );
  return { replanned };
}

const running = (clock: SlaClock | null): clock is SlaClock => clock !== null && isSlaRunning(clock);
