import type { PlaceMatch } from '#contracts/place.contract.ts';
import { stepIndex } from '../operator/category-search.ts';
import type { PlaceFetcher } from './places-api.ts';

/** Typing waits this long before the gazetteer is asked (a pause between letters). */
export const SEARCH_DELAY_MS = 250;
/** The shortest text the gazetteer takes. */
export const MIN_QUERY_CHARS = 2;
/** The longest text the gazetteer takes: longer text is searched by its beginning. */
export const MAX_QUERY_CHARS = 100;

/** Where a search stands: nothing asked, waiting for the answer, answered, failed. */
export type SearchStatus = 'idle' | 'loading' | 'done' | 'error';

/**
 * The state of an address combobox: the places found for what was typed (debounced, the previous
 * request dropped when the text changes), which one the arrow keys highlight, and whether the list
 * is open. No DOM: the component renders it, a test drives it with a fake fetcher and fake timers.
 */
export class AddressSearch {
  results = $state.raw<PlaceMatch[]>([]);
  status = $state<SearchStatus>('idle');
  error = $state.raw<unknown>(null);
  /** The highlighted option; -1 while none is (Enter then does not pick). */
  active = $state(-1);
  open = $state(false);

  readonly #fetch: PlaceFetcher;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #request: AbortController | null = null;

  constructor(fetcher: PlaceFetcher, delayMs = SEARCH_DELAY_MS) {
    this.#fetch = fetcher;
    this.#delayMs = delayMs;
  }

  /** The highlighted place, if any. */
  get current(): PlaceMatch | undefined {
    return this.active >= 0 ? this.results[this.active] : undefined;
  }

  /** The text changed by typing: ask again after a pause, or show nothing for too short a text. */
  typed(text: string): void {
    this.#cancel();
    const q = text.trim().slice(0, MAX_QUERY_CHARS);
    this.active = -1;
    if (q.length < MIN_QUERY_CHARS) {
      this.results = [];
      this.status = 'idle';
      this.open = false;
      return;
    }
    this.status = 'loading';
    this.open = true;
    this.#timer = setTimeout(() => void this.#run(q), this.#delayMs);
  }

  /** An arrow key: opens the list and moves the highlight, wrapping at the ends. */
  move(delta: 1 | -1): void {
    if (this.status === 'idle') return;
    this.open = true;
    this.active = stepIndex(this.active, delta, this.results.length);
  }

  /** Closes the list (Escape, leaving the field); what was found stays for the arrow keys. */
  close(): void {
    this.open = false;
    this.active = -1;
  }

  /** A place was picked: the list closes and nothing asked before answers any more. */
  settle(): void {
    this.#cancel();
    this.close();
    this.results = [];
    this.status = 'idle';
  }

  /** Stops a pending search (the field is going away). */
  dispose(): void {
    this.#cancel();
  }

  async #run(q: string): Promise<void> {
    this.#timer = null;
    const request = new AbortController();
    this.#request = request;
    try {
      const found = await this.#fetch(q, request.signal);
      if (request.signal.aborted) return;
      this.results = found.items;
      this.error = null;
      this.status = 'done';
    } catch (err) {
      if (request.signal.aborted) return;
      this.results = [];
      this.error = err;
      this.status = 'error';
    } finally {
      if (this.#request === request) this.#request = null;
    }
  }

  #cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#request?.abort();
    this.#request = null;
  }
}
