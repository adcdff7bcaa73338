import type { TicketChange } from '#contracts/realtime.contract.ts';
import type { Ticket, TicketPage } from '#contracts/ticket.contract.ts';
import { api, type TicketQuery } from '../api.ts';
import { realtime } from '../realtime.svelte.ts';
import { matchesQuery } from '../tickets/ticket-list.ts';
import { toMapPoint, type MapPoint } from './map-point.ts';

/** Where the feed gets tickets: REST pages and live changes (the app's API and realtime store, or a fake). */
export interface FeedSource {
  /** One page of the query, newest first; null cursor for the first. */
  fetchPage(cursor: string | null): Promise<TicketPage>;
  onChange(handler: (change: TicketChange) => void): () => void;
  /** Called when changes were missed and everything must be fetched again. */
  onReload(handler: () => void): () => void;
  /** The event-log position the first page was read at, so a resync starts there. */
  noteSeq(seq: number): void;
}

/** The largest page the API serves; the first is smaller, so the map shows something sooner. */
const PAGE_SIZE = 500;
const FIRST_PAGE_SIZE = 200;
const RETRY_MS = 5000;

/**
 * Every open ticket of a query, as map points, kept current: all pages fetched (each one shown as
 * it arrives), then live changes applied by id and version. Unlike the lists, it has no cap: the wall
 * map must count the whole city. `onchange` is called after every page and change; the caller
 * batches its redraws.
 */
export class OpenTicketFeed {
  /** Every open ticket with a location, by id. */
  readonly points = new Map<number, MapPoint>();
  /** Whether the last load has fetched every page. */
  complete = false;

  #source: FeedSource;
  #belongs: (ticket: Ticket) => boolean;
  #onchange: () => void;
  #generation = 0;
  /** During a load: versions at which tickets left (a later page must not bring back an older copy). */
  #left: Map<number, number> | null = null;
  /** During a load: ids changed live (kept even when the fresh pages do not list them). */
  #touched: Set<number> | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(source: FeedSource, belongs: (ticket: Ticket) => boolean, onchange: () => void) {
    this.#source = source;
    this.#belongs = belongs;
    this.#onchange = onchange;
  }

  /** Subscribes to changes, then loads; returns the stop. */
  start(): () => void {
    const offChange = this.#source.onChange((change) => this.apply(change.ticket));
    const offReload = this.#source.onReload(() => void this.load());
    void this.load();
    return () => {
      this.#generation++;
      if (this.#retry) clearTimeout(this.#retry);
      offChange();
      offReload();
    };
  }

  /** Fetches every page again; points no page lists and no change touched meanwhile are dropped. */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.complete = false;
    this.#left = new Map();
    this.#touched = new Set();
    const listed = new Set<number>();
    try {
      let cursor: string | null = null;
      let first = true;
      do {
        const page: TicketPage = await this.#source.fetchPage(cursor);
        if (generation !== this.#generation) return;
        if (first) this.#source.noteSeq(page.lastSeq);
        first = false;
        for (const ticket of page.items) {
          listed.add(ticket.id);
          this.#upsert(ticket);
        }
        cursor = page.nextCursor;
        this.#onchange();
      } while (cursor);
      for (const id of this.points.keys())
        if (!listed.has(id) && !this.#touched.has(id)) this.points.delete(id);
      this.complete = true;
      this.#left = this.#touched = null;
      this.#onchange();
    } catch {
      if (generation !== this.#generation) return;
      // A wall runs unattended: try again rather than show a half-filled map for ever.
      this.#retry = setTimeout(() => void this.load(), RETRY_MS);
    }
  }

  /** Applies one ticket as a change reported it. */
  apply(ticket: Ticket): void {
    this.#touched?.add(ticket.id);
    if (this.#upsert(ticket)) this.#onchange();
  }

  /** Stores the ticket if it is newer than what is known; returns whether anything changed. */
  #upsert(ticket: Ticket): boolean {
    const known = this.points.get(ticket.id);
    if (known && known.version >= ticket.version) return false;
    const leftAt = this.#left?.get(ticket.id);
    if (leftAt !== undefined && leftAt >= ticket.version) return false;
    const point = this.#belongs(ticket) ? toMapPoint(ticket) : null;
    if (point) {
      this.points.set(ticket.id, point);
      return true;
    }
    this.#left?.set(ticket.id, ticket.version);
    return this.points.delete(ticket.id);
  }
}

/** The app's source for a query: the REST list, 200 then 500 a page, and the realtime store. */
export function apiFeedSource(query: TicketQuery): FeedSource {
  return {
    fetchPage: (cursor) =>
      api.listTickets({ ...query, ...(cursor ? { cursor, limit: PAGE_SIZE } : { limit: FIRST_PAGE_SIZE }) }),
    onChange: (handler) => realtime.onTicketChange(handler),
    onReload: (handler) => realtime.onReload(handler),
    noteSeq: (seq) => realtime.noteSeq(seq),
  };
}

/** Whether a ticket belongs on a live map of `query` (open, in scope, with a location). */
export const belongsTo =
  (query: TicketQuery) =>
  (ticket: Ticket): boolean =>
    matchesQuery(query, ticket);
