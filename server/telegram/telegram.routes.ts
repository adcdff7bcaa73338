import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler, type Router } from 'express';
import { DomainError, invalid, issuesToFields } from '../errors.ts';
import { errorMiddleware } from '../http/error-middleware.ts';
import type { Logger } from '../logger.ts';
import { TelegramUpdate } from './telegram-update.contract.ts';

/** Telegram's updates are a few kilobytes; a message's text is at most 4096 characters. */
const BODY_LIMIT = '256kb';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** What the webhook hands each update to; null until the bot has started. */
export type UpdateHandler = ((update: TelegramUpdate) => Promise<void>) | null;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** 401 unless the request carries the secret given to setWebhook (compared in constant time). */
function requireSecret(secret: string): RequestHandler {
  const expected = digest(secret);
  return (req, _res, next) => {
    const given = req.get(SECRET_HEADER);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      next(new DomainError(401, 'unauthenticated', `The ${SECRET_HEADER} header is missing or wrong.`));
      return;
    }
    next();
  };
}

/**
 * POST /telegram/webhook: updates Telegram posts in webhook mode. The secret is checked before the
 * body is read; a body that is not an update is a 400 (Telegram never sends one, so it is not
 * retried). A handled update is a 200 once the bot has answered the resident, so a test (or a
 * redelivery) sees its effect; a failure inside is answered to the resident and logged, not retried.
 */
export function telegramWebhookRoutes(secret: string, handler: () => UpdateHandler, logger: Logger): Router {
  const router = express.Router();
  router.post(
    '/',
    requireSecret(secret),
    express.json({ limit: BODY_LIMIT, strict: true, type: () => true }),
    async (req, res) => {
      const handle = handler();
      if (!handle) throw new DomainError(503, 'starting', 'The bot is starting; Telegram will retry.');
      const parsed = TelegramUpdate.safeParse(req.body);
      if (!parsed.success)
        throw invalid(issuesToFields(parsed.error.issues), 'The body is not a Telegram update.');
      await handle(parsed.data);
      res.status(200).json({});
    },
  );
  router.use(errorMiddleware(logger));
  return router;
}
