import type { Ticket } from '#contracts/ticket.contract.ts';
import type { BulkTicketAnswer } from '#contracts/bulk-ticket.contract.ts';
import { api, ApiError, asApiError } from '../api.ts';
import { chunks, summarize, type BulkAction, type BulkSummary } from './bulk-summary.ts';
import type { BulkCommand } from './ticket-command.ts';

/** A ticket as the bulk action sends it: the version the user saw, so a changed one is refused. */
export type BulkTicket = Pick<Ticket, 'id' | 'version' | 'registrationNumber'>;

/** A key unique to one attempt (getRandomValues works on plain-HTTP intranets, randomUUID does not). */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One bulk action at a time: sends the selection in requests of up to 200 tickets, counts progress,
 * and sums up what happened. Each request carries an Idempotency-Key; retrying the very same action
 * after a lost connection reuses the keys, so the server answers what it already did instead of
 * doing it twice.
 */
export class BulkRun {
  running = $state(false);
  /** Tickets answered so far, of `total`. */
  done = $state(0);
  total = $state(0);
  action = $state<BulkAction | null>(null);
  summary = $state.raw<BulkSummary | null>(null);
  /** A refusal of the whole request (a bad body, a lost connection): nothing after it was sent. */
  failure = $state.raw<ApiError | null>(null);

  #attempt: { fingerprint: string; id: string } | null = null;

  /**
   * Applies `command` to `tickets` and returns the ids to keep selected: those refused, and those
   * never sent because a request failed as a whole.
   */
  async run(action: BulkAction, command: BulkCommand, tickets: readonly BulkTicket[]): Promise<number[]> {
    const items = tickets.map((t) => ({ id: t.id, expectedVersion: t.version }));
    const fingerprint = JSON.stringify({ command, items });
    if (this.#attempt?.fingerprint !== fingerprint) this.#attempt = { fingerprint, id: randomKey() };
    const attempt = this.#attempt;
    this.running = true;
    this.action = action;
    this.done = 0;
    this.total = items.length;
    this.summary = null;
    this.failure = null;
    const answers: BulkTicketAnswer[] = [];
    const unsent: number[] = [];
    for (const [index, chunk] of chunks(items).entries()) {
      if (this.failure) {
        unsent.push(...chunk.map((t) => t.id));
        continue;
      }
      try {
        answers.push(await api.bulkCommand({ ticketIds: chunk, command }, `bulk-${attempt.id}-${index}`));
        this.done += chunk.length;
      } catch (err) {
        this.failure = asApiError(err);
        unsent.push(...chunk.map((t) => t.id));
      }
    }
    this.summary = summarize(answers, tickets);
    this.running = false;
    // A completed attempt is done with its keys; only a request that never got through is retried with them.
    if (!this.failure || this.failure.status !== 0) this.#attempt = null;
    return [...this.summary.failures.map((f) => f.ticketId), ...unsent];
  }

  /** Clears the summary (the user closed it or started over). */
  dismiss(): void {
    this.summary = null;
    this.failure = null;
    this.action = null;
  }
}
