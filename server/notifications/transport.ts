import type { OutboxChannel, OutboxMessage } from '../../db/queries/outbox.ts';
import type { Logger } from '../logger.ts';

/** Delivers messages of one channel; one implementation per channel, swapped by configuration. */
export interface Transport {
  readonly channel: OutboxChannel;
  /** Sends `text` to the message's address; throws when it was not delivered (the outbox retries). */
  send(message: OutboxMessage, text: string): Promise<void>;
}

/**
 * Thrown by a transport whose gateway said when to try again (Telegram's 429 `retry_after`): the
 * outbox waits at least that long before the next attempt, instead of its usual backoff alone.
 */
export class RetryLaterError extends Error {
  readonly retryAfterMs: number;

  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.name = 'RetryLaterError';
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * A transport that writes each message to the log instead of sending it: SMS and e-mail on a machine
 * without a gateway, so every message is still visible and recorded as delivered.
 */
export function logTransport(channel: OutboxChannel, logger: Logger): Transport {
  return {
    channel,
    async send(message, text) {
      logger.info(
        { channel, messageId: message.id, ticketId: message.ticketId, to: message.address, text },
        'message',
      );
    },
  };
}
