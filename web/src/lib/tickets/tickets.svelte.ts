import type { TicketChange } from '#contracts/realtime.contract.ts';
import type { Ticket, TicketSort } from '#contracts/ticket.contract.ts';
import { api, ApiError, asApiError, type TicketQuery } from '../api.ts';
import { HeldPushes } from '../held-pushes.ts';
import { realtime } from '../realtime.svelte.ts';
import { compareFor, cursorAfter, shiftedNow } from './sla-state.ts';
import { appendPage, matchesQuery, upsertTicket } from './ticket-list.ts';

/** How a list is fetched: page size, how many pages `load()` follows, and the most rows it keeps. */
export interface TicketsStoreOptions {
  pageSize: number;
  maxPages: number;
  /** Live inserts beyond this drop the oldest rows (they stay reachable through "show more"). */
  maxItems: number;
}

/**
 * A live list of tickets for one query: fetched over REST, then kept current by the realtime
 * store's changes. Changes that arrive while a fetch is in flight are held and applied on top.
 */
export class TicketsStore {
  items = $state.raw<readonly Ticket[]>([]);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  nextCursor = $state<string | null>(null);
  query = $state.raw<TicketQuery>({});

  #options: TicketsStoreOptions;
  #held = new HeldPushes<TicketChange>();
  /** How far the server's clock is ahead of this browser's (from the last page's serverTime). */
  #clockOffsetMs = 0;

  constructor(
    query: TicketQuery,
    options: TicketsStoreOptions = { pageSize: 50, maxPages: 1, maxItems: 500 },
  ) {
    this.query = query;
    this.#options = options;
  }

  /** The order the list is kept in: by deadline for the at-risk view, else what the query asks. */
  get sort(): TicketSort {
    return this.query.atRisk ? 'deadline' : (this.query.sort ?? 'newest');
  }

  /** The server's clock as this page estimates it: SLA states and time left are judged by it. */
  now(): Date {
    return shiftedNow(this.#clockOffsetMs);
  }

  /** Whether membership changes with time alone (SLA states, at risk): such a list is refetched now and then. */
  get dependsOnTime(): boolean {
    return Boolean(this.query.slaState?.length || this.query.atRisk);
  }

  /** Replaces the query and fetches the list again. */
  setQuery(query: TicketQuery): Promise<void> {
    this.query = query;
    return this.load();
  }

  /** Fetches the list from the first page; a newer call supersedes an older one still in flight. */
  async load(): Promise<void> {
    const fetching = this.#held.begin();
    this.loading = true;
    try {
      let items: readonly Ticket[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < this.#options.maxPages; page++) {
        const result = await api.listTickets({
          ...this.query,
          limit: this.#options.pageSize,
          ...(cursor && { cursor }),
        });
        if (fetching.superseded) return;
        // The first page is the oldest read: later changes to its rows come after its position.
        if (page === 0) {
          realtime.noteSeq(result.lastSeq);
          this.#noteServerTime(result.serverTime);
        }
        items = appendPage(items, result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      this.items = items;
      this.nextCursor = cursor;
      this.error = null;
      for (const change of this.#held.release()) this.apply(change);
    } catch (err) {
      if (fetching.superseded) return;
      this.#held.drop();
      this.error = asApiError(err);
    } finally {
      if (!fetching.superseded) this.loading = false;
    }
  }

  /**
   * Fetches the next page (the "show more" button). A `load()` begun meanwhile (a new filter)
   * supersedes it: its rows belong to the old query. Changes that arrive while it is in flight are
   * held and applied after the page, as for `load()`.
   */
  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loading) return;
    const fetching = this.#held.begin();
    this.loading = true;
    try {
      const result = await api.listTickets({
        ...this.query,
        limit: this.#options.pageSize,
        cursor: this.nextCursor,
      });
      if (fetching.superseded) return;
      this.items = appendPage(this.items, result.items);
      this.nextCursor = result.nextCursor;
    } catch (err) {
      if (fetching.superseded) return;
      this.error = asApiError(err);
    } finally {
      if (!fetching.superseded) {
        this.loading = false;
        // A failed page loses nothing: the rows shown are still the latest, the held changes apply.
        for (const change of this.#held.release()) this.apply(change);
      }
    }
  }

  /** Applies one change: the ticket enters, updates in, or leaves the list. */
  apply(change: TicketChange): void {
    if (this.#held.hold(change)) return;
    const belongs = matchesQuery(this.query, change.ticket, this.now());
    const items = upsertTicket(this.items, change.ticket, belongs, compareFor(this.sort));
    if (items.length <= this.#options.maxItems) {
      this.items = items;
      return;
    }
    // A console left open all shift must not grow without bound: keep the first rows in its order.
    this.items = items.slice(0, this.#options.maxItems);
    this.nextCursor = cursorAfter(this.items.at(-1)!, this.sort);
  }

  #noteServerTime(serverTime: string | undefined): void {
    const at = serverTime ? Date.parse(serverTime) : NaN;
    if (!Number.isNaN(at)) this.#clockOffsetMs = at - Date.now();
  }

  /** Follows the realtime store (changes, and reloads after a gap); returns the unsubscribe for $effect. */
  follow(): () => void {
    const offChange = realtime.onTicketChange((change) => this.apply(change));
    const offReload = realtime.onReload(() => void this.load());
    return () => {
      offChange();
      offReload();
    };
  }
}
