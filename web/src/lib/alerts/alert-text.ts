import type { Alert } from '#contracts/alert.contract.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** A message to translate: its key and placeholders. */
export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** Why the alert stands: which deadline slipped, or the reason a person gave for escalating. */
export function alertReason(alert: Pick<Alert, 'clock' | 'reason'>): Message {
  if (alert.clock === 'ack') return { key: 'alert.clock.ack' };
  if (alert.clock === 'resolve') return { key: 'alert.clock.resolve' };
  return alert.reason
    ? { key: 'alert.clock.manualReason', params: { reason: alert.reason } }
    : { key: 'alert.clock.manual' };
}

/**
 * Who acknowledged: "by you" for the viewer, otherwise the user's number (the alert carries the id
 * only; see the report on `acknowledgedBy`). Null while nobody has.
 */
export function acknowledgedBy(
  alert: Pick<Alert, 'acknowledgedBy' | 'acknowledgedByName'>,
  viewerId: number | null,
): Message | null {
  if (alert.acknowledgedBy === null) return null;
  if (alert.acknowledgedBy === viewerId) return { key: 'alert.byYou' };
  return { key: 'alert.byUser', params: { name: alert.acknowledgedByName ?? `#${alert.acknowledgedBy}` } };
}
