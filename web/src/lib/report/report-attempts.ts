/**
 * The Idempotency-Key of one report form. The form keeps one key until a report is filed: a double
 * tap, a retry after an answer that never came, or the corrected form after a refusal all carry it,
 * so the server files at most one appeal for them. The next report gets a fresh key.
 *
 * The server remembers only successes and refuses the same key with another body (422
 * `idempotency_key_reused`). So when an attempt went unanswered and the resident then changed the
 * form, that 422 proves the earlier body was filed: `unansweredBody` is what to send again to get
 * its registration number back instead of filing a second appeal.
 */
export class ReportAttempts {
  #newKey: () => string;
  #key: string;
  #unansweredBody: string | null = null;

  /** `newKey` makes a fresh random key (crypto.randomUUID in the browser; fixed ones in tests). */
  constructor(newKey: () => string = () => crypto.randomUUID()) {
    this.#newKey = newKey;
    this.#key = newKey();
  }

  /** The key to send with the next attempt. */
  get key(): string {
    return this.#key;
  }

  /** The JSON body of an attempt whose answer was lost (it may have been filed), or null. */
  get unansweredBody(): string | null {
    return this.#unansweredBody;
  }

  /** The server filed the report (a 2xx, first or replayed): the next report starts afresh. */
  filed(): void {
    this.#key = this.#newKey();
    this.#unansweredBody = null;
  }

  /** No answer came for `body` (network, timeout, 5xx, still running): it may have been filed. */
  unanswered(body: string): void {
    this.#unansweredBody = body;
  }
}
