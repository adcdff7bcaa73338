import type { MessageKey } from '../i18n/messages.ts';
import type { Message } from './alert-text.ts';

/** Why an acknowledgement did not go through, as the socket ack (or its absence) says. */
export interface AckFailure {
  code: string;
  message: string;
}

const FAILURE_KEYS: Readonly<Record<string, MessageKey>> = {
  alert_not_open: 'alert.error.notOpen',
  forbidden: 'alert.error.forbidden',
  not_found: 'alert.error.notFound',
  timeout: 'alert.error.timeout',
  offline: 'alert.error.offline',
};

/**
 * The message for a failed acknowledgement: someone else was quicker (409 alert_not_open), the role
 * may not (403), no answer within the timeout, or no connection; anything else is shown as sent.
 */
export function ackFailureMessage(failure: AckFailure): Message {
  const key = FAILURE_KEYS[failure.code];
  return key ? { key } : { key: 'error.generic', params: { message: failure.message } };
}
