import type { Db } from '../../db/client.ts';
import {
  leaseDueMessages,
  markMessageFailed,
  markMessageSent,
  nextMessageDueAt,
  type OutboxChannel,
  type OutboxMessage,
} from '../../db/queries/outbox.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { WakeableSleep } from '../workers/wakeable-sleep.ts';
import { renderResidentMessage, type MessageContext } from './resident-message.ts';
import { RetryLaterError, type Transport } from './transport.ts';

/** How the outbox worker paces itself. */
export interface OutboxWorkerOptions {
  batchSize: number;
  /** Longest sleep between scans; new messages also wake it (`poke`). */
  pollMs: number;
  /** How long a message in flight is held from other workers; a crashed delivery is retried after it. */
  leaseMs: number;
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** Backoff after the first failure; it doubles with each further one, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: Readonly<OutboxWorkerOptions> = Object.freeze({
  batchSize: 20,
  pollMs: 1000,
  leaseMs: 60_000,
  maxAttempts: 8,
  retryBaseMs: 5_000,
  retryMaxMs: 3_600_000,
});

/** What one pass did. */
export interface DeliveryResult {
  sent: number;
  failed: number;
}

/**
 * Delivers the outbox: leases due messages (SKIP LOCKED, so several processes share the work),
 * renders each in its resident's language and hands it to its channel's transport, then records the
 * delivery or the failure with a doubling backoff. Delivery is at least once: a process that dies
 * after sending but before recording leaves the message to be sent again when its lease ends.
 */
export class OutboxWorker {
  private readonly db: Db;
  private readonly transports: ReadonlyMap<OutboxChannel, Transport>;
  private readonly context: MessageContext;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly options: OutboxWorkerOptions;
  private readonly sleeper = new WakeableSleep();
  private running = false;
  private poked = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    db: Db,
    transports: readonly Transport[],
    context: MessageContext,
    logger: Logger,
    clock: Clock,
    options: Partial<OutboxWorkerOptions> = {},
  ) {
    this.db = db;
    this.transports = new Map(transports.map((t) => [t.channel, t]));
    this.context = context;
    this.logger = logger;
    this.clock = clock;
    this.options = { ...DEFAULT_OUTBOX_OPTIONS, ...options };
  }

  /** Starts delivering; messages queued while the server was down go out at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.sleeper.wake();
    await this.loop;
  }

  /** New messages were queued: deliver without waiting for the next scan. */
  poke(): void {
    this.poked = true;
    this.sleeper.wake();
  }

  /** Delivers every message due now, batch by batch. */
  async deliverDue(): Promise<DeliveryResult> {
    const total: DeliveryResult = { sent: 0, failed: 0 };
    for (;;) {
      const now = this.clock();
      const batch = await leaseDueMessages(
        this.db,
        now,
        new Date(now.getTime() + this.options.leaseMs),
        this.options.batchSize,
      );
      for (const message of batch) {
        if (await this.deliver(message)) total.sent++;
        else total.failed++;
      }
      if (batch.length < this.options.batchSize) return total;
    }
  }

  private async deliver(message: OutboxMessage): Promise<boolean> {
    try {
      const transport = this.transports.get(message.channel);
      if (!transport) throw new Error(`no ${message.channel} transport is configured`);
      const text = renderResidentMessage(message.kind, message.locale, message.payload, this.context);
      await transport.send(message, text);
      await markMessageSent(this.db, message.id, this.clock());
      return true;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const giveUp = message.attempts >= this.options.maxAttempts;
      const backoffMs = Math.min(
        this.options.retryMaxMs,
        Math.max(
          this.options.retryBaseMs * 2 ** (message.attempts - 1),
          err instanceof RetryLaterError ? err.retryAfterMs : 0,
        ),
      );
      await markMessageFailed(
        this.db,
        message.id,
        error,
        giveUp ? null : new Date(this.clock().getTime() + backoffMs),
      );
      const log = {
        messageId: message.id,
        ticketId: message.ticketId,
        channel: message.channel,
        attempts: message.attempts,
        error,
      };
      if (giveUp) this.logger.error(log, 'message given up');
      else this.logger.warn(log, 'message delivery failed; will retry');
      return false;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.poked = false;
      let delayMs = this.options.pollMs;
      try {
        await this.deliverDue();
        const next = await nextMessageDueAt(this.db);
        // Due already means another worker holds it for a moment: look again shortly, do not spin.
        if (next)
          delayMs = Math.max(20, Math.min(this.options.pollMs, next.getTime() - this.clock().getTime()));
      } catch (err) {
        this.logger.error({ err }, 'outbox pass failed');
      }
      if (this.running && !this.poked) await this.sleeper.sleep(delayMs);
    }
  }
}
