/**
 * One screen's data from the API, with its loading and error states: a newer load supersedes one
 * still in flight (a slow answer for last week never overwrites this month's), and `retry` repeats
 * the last. What was shown stays while the next loads; a failure clears it, so the page never shows
 * one period's figures under another's heading.
 */
export class Loadable<T> {
  data = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state<unknown>(null);
  #seq = 0;
  #last: (() => Promise<T>) | null = null;

  /** Fetches with `fetcher` and keeps its answer, unless another load started meanwhile. */
  async load(fetcher: () => Promise<T>): Promise<void> {
    const seq = ++this.#seq;
    this.#last = fetcher;
    this.loading = true;
    this.error = null;
    try {
      const data = await fetcher();
      if (seq === this.#seq) this.data = data;
    } catch (err) {
      if (seq === this.#seq) {
        this.data = null;
        this.error = err;
      }
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** Repeats the last load (the Retry button). */
  retry(): Promise<void> {
    return this.#last ? this.load(this.#last) : Promise.resolve();
  }
}
