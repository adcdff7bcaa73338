import { GrammyError, HttpError, type Api } from 'grammy';
import { RetryLaterError, type Transport } from '../notifications/transport.ts';

/** Telegram's wait when a 429 names none. */
const DEFAULT_RETRY_AFTER_S = 30;

/**
 * The outbox's Telegram channel: each message goes to the chat its address names with sendMessage.
 * Telegram's refusals become errors the outbox records and retries: a 429 says how long to wait
 * (RetryLaterError), a 403 means the resident blocked the bot or deleted the chat.
 */
export function telegramTransport(api: Api): Transport {
  return {
    channel: 'telegram',
    async send(message, text) {
      const chatId = Number(message.address);
      if (!Number.isSafeInteger(chatId)) throw new Error(`"${message.address}" is not a Telegram chat id`);
      try {
        await api.sendMessage(chatId, text, { link_preview_options: { is_disabled: true } });
      } catch (err) {
        throw telegramDeliveryError(err);
      }
    },
  };
}

/** The error an outbox delivery records for a failed sendMessage. */
export function telegramDeliveryError(err: unknown): Error {
  if (err instanceof GrammyError) {
    if (err.error_code === 429) {
      const seconds = err.parameters.retry_after ?? DEFAULT_RETRY_AFTER_S;
      return new RetryLaterError(`Telegram rate limit (429): retry after ${seconds} s`, seconds * 1000);
    }
    if (err.error_code === 403) {
      return new Error(`the resident blocked the bot or left the chat (Telegram 403: ${err.description})`);
    }
    return new Error(`Telegram refused the message (${err.error_code}: ${err.description})`);
  }
  if (err instanceof HttpError) return new Error(`Telegram could not be reached: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}
