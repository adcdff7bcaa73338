import type { PublicTimelineEntry } from '#contracts/public.contract.ts';
import { isMessageKey, type MessageKey } from '../i18n/messages.ts';
import { FINAL_TICKET_STATES } from '../ticket-vocabulary.ts';

const FINAL_STATES: readonly string[] = FINAL_TICKET_STATES;

/**
 * The words for one step of an appeal's public history: the console's own label for the event
 * (`register` → "Registered"), and for the centre's deadlines (`timer`) whether it closed the
 * appeal or moved it on.
 */
export function publicEventKey(entry: Pick<PublicTimelineEntry, 'event' | 'state'>): MessageKey {
  const key = `event.ticket.${entry.event}`;
  if (entry.event !== 'timer' && isMessageKey(key)) return key;
  return FINAL_STATES.includes(entry.state) ? 'event.timerClosed' : 'event.timerFired';
}

/** Whether the appeal is past the date the centre expected to resolve it by (on hold, the clock stands still). */
export const isPastExpected = (status: { state: string; resolveDueAt: string | null }, now: Date): boolean =>
  status.resolveDueAt !== null &&
  status.state !== 'on_hold' &&
  Date.parse(status.resolveDueAt) < now.getTime();
