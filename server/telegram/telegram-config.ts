import { z } from 'zod';

/** Where the webhook is mounted; Telegram is told PUBLIC_URL + this. */
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

/** The Telegram bot's variables, part of the one environment schema in config.ts. */
export const TELEGRAM_ENV = {
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(
      /^[0-9]{1,15}:[A-Za-z0-9_-]{20,100}$/,
      'must be a bot token from @BotFather, such as 123456789:AAH…',
    )
    .optional(),
  TELEGRAM_MODE: z.enum(['webhook', 'polling'], { error: 'must be "webhook" or "polling"' }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z, a-z, 0-9, "_" and "-"')
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.telegram.org' })
    .transform((u) => u.replace(/\/+$/, ''))
    .default('https://api.telegram.org'),
};

/** The variables as parsed (and PUBLIC_URL, which the webhook's address is built from). */
interface TelegramEnv {
  TELEGRAM_BOT_TOKEN?: string | undefined;
  TELEGRAM_MODE?: 'webhook' | 'polling' | undefined;
  TELEGRAM_WEBHOOK_SECRET?: string | undefined;
  TELEGRAM_API_ROOT: string;
  PUBLIC_URL?: string | undefined;
}

/** How the bot runs; null in Config when TELEGRAM_BOT_TOKEN is unset (the bot is off). */
export interface TelegramConfig {
  token: string;
  /** The token's numeric prefix: the bot's own user id. */
  botId: number;
  /** `webhook`: Telegram posts updates to `webhookUrl`; `polling`: the server asks (one process only). */
  mode: 'webhook' | 'polling';
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; required in webhook mode. */
  webhookSecret: string | null;
  webhookUrl: string | null;
  apiRoot: string;
}

/** Webhook when PUBLIC_URL is https (Telegram posts only to https), else long polling. */
const modeOf = (e: TelegramEnv) =>
  e.TELEGRAM_MODE ?? (e.PUBLIC_URL?.startsWith('https://') ? 'webhook' : 'polling');

/** The checks across variables: webhook mode needs a public address and a secret. */
export function checkTelegramEnv(e: TelegramEnv, ctx: z.RefinementCtx): void {
  if (!e.TELEGRAM_BOT_TOKEN || modeOf(e) !== 'webhook') return;
  if (!e.PUBLIC_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_MODE'],
      message: 'webhook needs PUBLIC_URL, the https address Telegram posts updates to (or use polling)',
    });
  }
  if (!e.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_WEBHOOK_SECRET'],
      message: 'is required in webhook mode (or set TELEGRAM_MODE=polling)',
    });
  }
}

/** The bot's configuration, or null when it is off. */
export function telegramConfig(e: TelegramEnv): TelegramConfig | null {
  const token = e.TELEGRAM_BOT_TOKEN;
  if (!token) return null;
  const mode = modeOf(e);
  return Object.freeze({
    token,
    botId: Number(token.slice(0, token.indexOf(':'))),
    mode,
    webhookSecret: mode === 'webhook' ? (e.TELEGRAM_WEBHOOK_SECRET ?? null) : null,
    webhookUrl: mode === 'webhook' && e.PUBLIC_URL ? `${e.PUBLIC_URL}${TELEGRAM_WEBHOOK_PATH}` : null,
    apiRoot: e.TELEGRAM_API_ROOT,
  });
}
