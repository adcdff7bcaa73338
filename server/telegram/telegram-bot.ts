import { Bot } from 'grammy';
import type { Router } from 'express';
import type { Db } from '../../db/client.ts';
import { deleteUpdatesBefore } from '../../db/queries/telegram-updates.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { MessageContext } from '../notifications/resident-message.ts';
import type { Transport } from '../notifications/transport.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import type { AttachmentService } from '../attachments/attachment.service.ts';
import type { TelegramConfig } from './telegram-config.ts';
import { telegramPhotoKeeper } from './telegram-photo.ts';
import { TelegramConversationService } from './telegram-conversation.service.ts';
import { telegramTransport } from './telegram-transport.ts';
import { telegramWebhookRoutes, type UpdateHandler } from './telegram.routes.ts';
import { toBotUpdate, TelegramUpdate } from './telegram-update.contract.ts';

/** The updates the bot asks Telegram for: messages and taps on its buttons. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** Handled update ids are kept this long (Telegram redelivers within hours). */
const UPDATE_RETENTION_MS = 7 * 86_400_000;
/** How often old update ids are pruned, and the first wait before setWebhook is tried again. */
const PRUNE_EVERY_MS = 3_600_000;
const SET_WEBHOOK_RETRY_MS = 5_000;
const SET_WEBHOOK_RETRY_MAX_MS = 300_000;
/** The longest one Bot API call may take: above the 30 s long poll, far below grammY's 500 s default. */
const API_TIMEOUT_S = 60;

/** What the bot needs from the rest of Komek. */
export interface TelegramBotDeps {
  db: Db;
  clock: Clock;
  tickets: TicketService;
  logger: Logger;
  /** Where residents' photos become ticket attachments; without it only their file ids are kept. */
  attachments?: AttachmentService | null;
}

/**
 * The Telegram door: a grammY bot on the configured API root, in webhook mode (Telegram posts to
 * /telegram/webhook, registered with setWebhook at start) or long polling (bot.start(), for local
 * use and one process only). Both hand each update to the conversation service; the transport sends
 * the outbox's messages to residents' chats.
 */
export class TelegramBot {
  /** The outbox's `telegram` channel. */
  readonly transport: Transport;
  private readonly config: TelegramConfig;
  private readonly deps: TelegramBotDeps;
  private readonly logger: Logger;
  private readonly bot: Bot;
  private conversations: TelegramConversationService | null = null;
  private polling: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(config: TelegramConfig, deps: TelegramBotDeps) {
    this.config = config;
    this.deps = deps;
    this.logger = deps.logger.child({ component: 'telegram' });
    this.bot = new Bot(config.token, { client: { apiRoot: config.apiRoot, timeoutSeconds: API_TIMEOUT_S } });
    this.transport = telegramTransport(this.bot.api);
    // Long polling runs updates through grammY's middleware; the webhook calls `handle` directly.
    this.bot.use(async (ctx) => this.handle(ctx.update));
    this.bot.catch((err) => this.logger.error({ err: err.error }, 'telegram update failed'));
  }

  /** The webhook router (POST /telegram/webhook); only in webhook mode, where a secret is configured. */
  webhookRoutes(): Router | null {
    const secret = this.config.webhookSecret;
    if (this.config.mode !== 'webhook' || !secret) return null;
    const handler = (): UpdateHandler => (this.conversations ? (u) => this.handleParsed(u) : null);
    return telegramWebhookRoutes(secret, handler, this.logger);
  }

  /**
   * Starts answering: the status links in replies use `context`. Webhook mode registers the webhook,
   * polling mode starts polling; both in the background, so Komek starts even when Telegram cannot
   * be reached (setWebhook is retried with a growing pause; the webhook answers meanwhile anyway).
   */
  async start(context: MessageContext): Promise<void> {
    const { db, clock, tickets } = this.deps;
    const { apiRoot, token, botId } = this.config;
    const photos =
      this.deps.attachments &&
      telegramPhotoKeeper(
        this.bot.api,
        (path) => `${apiRoot}/file/bot${token}/${path}`,
        this.deps.attachments,
        db,
        this.logger,
      );
    this.conversations = new TelegramConversationService(
      { db, clock, tickets, logger: this.logger, botId, context, photos: photos ?? null },
      this.bot.api,
    );
    await this.prune();
    this.every(PRUNE_EVERY_MS, () => void this.prune());
    if (this.config.mode === 'webhook') void this.setWebhook(SET_WEBHOOK_RETRY_MS);
    else this.startPolling();
  }

  /** Stops polling (confirming what was handled) and the background work; the webhook stays set. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    if (this.bot.isRunning())
      await this.bot.stop().catch((err: unknown) => this.logger.warn({ err }, 'stop'));
    await this.polling;
    this.conversations = null;
  }

  /** An update from long polling, parsed at the boundary as the webhook's are. */
  private async handle(raw: unknown): Promise<void> {
    const parsed = TelegramUpdate.safeParse(raw);
    if (parsed.success) await this.handleParsed(parsed.data);
    else this.logger.warn({ issues: parsed.error.issues }, 'telegram update not understood');
  }

  /** Runs an update through the conversation; kinds the bot does not answer are dropped. */
  private async handleParsed(raw: TelegramUpdate): Promise<void> {
    const update = toBotUpdate(raw);
    if (update && this.conversations) await this.conversations.handle(update);
  }

  private async setWebhook(retryMs: number): Promise<void> {
    const url = this.config.webhookUrl;
    if (!url || this.stopped) return;
    try {
      await this.bot.api.setWebhook(url, {
        secret_token: this.config.webhookSecret ?? undefined,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      this.logger.info({ url }, 'telegram webhook set');
    } catch (err) {
      this.logger.error({ err, retryMs }, 'telegram webhook not set; will retry');
      this.after(retryMs, () => void this.setWebhook(Math.min(retryMs * 2, SET_WEBHOOK_RETRY_MAX_MS)));
    }
  }

  private startPolling(): void {
    this.polling = this.bot
      .start({
        allowed_updates: [...ALLOWED_UPDATES],
        onStart: (me) => this.logger.info({ username: me.username }, 'telegram long polling'),
      })
      .catch((err: unknown) => this.logger.error({ err }, 'telegram long polling stopped'));
  }

  private async prune(): Promise<void> {
    const before = new Date(this.deps.clock().getTime() - UPDATE_RETENTION_MS);
    await deleteUpdatesBefore(this.deps.db, before).catch((err: unknown) =>
      this.logger.warn({ err }, 'old telegram update ids not pruned'),
    );
  }

  private after(ms: number, run: () => void): void {
    const timer = setTimeout(run, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private every(ms: number, run: () => void): void {
    const timer = setInterval(run, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
