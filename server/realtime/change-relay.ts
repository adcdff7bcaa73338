import type { Db } from '../../db/client.ts';
import type { Logger } from '../logger.ts';
import { CHANGE_CHANNEL, ChangeNotice } from './change-notice.ts';

/**
 * Listens for the changes other Komek processes on the same database announce, and hands each to
 * `publish` (which pushes it to this process's sockets). Its own announcements it ignores: those were
 * pushed when they committed. This is what lets several processes serve one city behind a balancer.
 */
export class ChangeRelay {
  private readonly db: Db;
  private readonly origin: string;
  private readonly publish: (notice: ChangeNotice) => Promise<void>;
  private readonly logger: Logger;
  private stopListening: (() => Promise<void>) | null = null;
  /** Notices are pushed one at a time, in the order PostgreSQL delivered them (commit order). */
  private queue: Promise<void> = Promise.resolve();

  constructor(db: Db, origin: string, publish: (notice: ChangeNotice) => Promise<void>, logger: Logger) {
    this.db = db;
    this.origin = origin;
    this.publish = publish;
    this.logger = logger;
  }

  /** Starts listening; resolves once PostgreSQL will deliver notices to this process. */
  async start(): Promise<void> {
    this.stopListening = await this.db.listen(CHANGE_CHANNEL, (payload) => this.receive(payload));
  }

  /** Stops listening and waits for the notices already received to be pushed. */
  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
    await this.queue;
  }

  private receive(payload: string): void {
    let notice: ChangeNotice;
    try {
      notice = ChangeNotice.parse(JSON.parse(payload));
    } catch (err) {
      this.logger.warn({ err }, 'ignored a malformed change notice');
      return;
    }
    if (notice.origin === this.origin) return;
    this.queue = this.queue
      .then(() => this.publish(notice))
      .catch((err: unknown) => this.logger.error({ err }, 'could not push a change from another process'));
  }
}
