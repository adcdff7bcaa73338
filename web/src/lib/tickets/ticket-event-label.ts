import type { TicketEventRecord } from '#contracts/ticket.contract.ts';
import { isMessageKey, type MessageKey } from '../i18n/messages.ts';
import { FINAL_TICKET_STATES } from '../ticket-vocabulary.ts';

/** Events the engine applies when one of the machine's delays (`after`) runs out. */
const TIMER_PREFIX = 'xstate.after.';

const FINAL_STATES: readonly TicketEventRecord['toState'][] = FINAL_TICKET_STATES;

/**
 * The message key naming an event-log entry: its own when the dictionaries know the type (the
 * confirmation window's auto-close has one), a generic one for any other timer, else null so the
 * raw type shows and the gap is noticed.
 */
export function eventLabelKey(event: Pick<TicketEventRecord, 'type' | 'toState'>): MessageKey | null {
  const key = `event.${event.type}`;
  if (isMessageKey(key)) return key;
  if (!event.type.startsWith(TIMER_PREFIX)) return null;
  return FINAL_STATES.includes(event.toState) ? 'event.timerClosed' : 'event.timerFired';
}
