import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { RetryLaterError } from '../notifications/transport.ts';
import { telegramDeliveryError } from './telegram-transport.ts';

const refusal = (error_code: number, description: string, retry_after?: number) =>
  new GrammyError(
    'call failed',
    { ok: false, error_code, description, ...(retry_after !== undefined && { parameters: { retry_after } }) },
    'sendMessage',
    {},
  );

describe('Telegram delivery errors', () => {
  it('turns a 429 into a retry after Telegram’s wait', () => {
    const err = telegramDeliveryError(refusal(429, 'Too Many Requests: retry after 17', 17));
    expect(err).toBeInstanceOf(RetryLaterError);
    expect((err as RetryLaterError).retryAfterMs).toBe(17_000);
    expect((telegramDeliveryError(refusal(429, 'Too Many Requests')) as RetryLaterError).retryAfterMs).toBe(
      30_000,
    );
  });

  it('names a blocked bot, other refusals and an unreachable Telegram', () => {
    expect(telegramDeliveryError(refusal(403, 'Forbidden: bot was blocked by the user')).message).toBe(
      'the resident blocked the bot or left the chat (Telegram 403: Forbidden: bot was blocked by the user)',
    );
    expect(telegramDeliveryError(refusal(400, 'Bad Request: chat not found')).message).toBe(
      'Telegram refused the message (400: Bad Request: chat not found)',
    );
    expect(
      telegramDeliveryError(new HttpError('Network request failed', new Error('ECONNREFUSED'))).message,
    ).toMatch(/^Telegram could not be reached/);
  });
});
