import type { TicketChange } from '#contracts/realtime.contract.ts';
import type { Ticket } from '#contracts/ticket.contract.ts';
import { api, type TicketQuery } from '../api.ts';
import { realtime } from '../realtime.svelte.ts';
import { matchesQuery } from '../tickets/ticket-list.ts';
import { decodeMapSnapshot } from './map-snapshot.ts';
import { isPlaced, toOpenRecord, type MapPoint, type OpenRecord } from './map-point.ts';

/** Where the feed gets tickets: one lean snapshot and live changes (the app's API and realtime store, or a fake). */
export interface FeedSource {
  /** Every open ticket of the view, and the event-log position it was read at. */
  fetchSnapshot(): Promise<{ lastSeq: number; records: OpenRecord[] }>;
  onChange(handler: (change: TicketChange) => void): () => void;
  /** Called when changes were missed and everything must be fetched again. */
  onReload(handler: () => void): () => void;
  /** The event-log position the snapshot was read at, so a resync starts there. */
  noteSeq(seq: number): void;
}

const RETRY_MS = 5000;

/**
 * Every open ticket of a view, kept current: one snapshot, then live changes applied by id and
 * version. Unlike the lists it has no cap: a wall counts and maps the whole city. Listeners are
 * called after the snapshot and after every change that altered something; they batch their work.
 */
export class OpenTicketFeed {
  /** Open tickets with a location, by id: what the map draws. */
  readonly points = new Map<number, MapPoint>();
  /** Open tickets known only by their address: counted, not drawn. */
  readonly unplaced = new Map<number, OpenRecord>();
  /** Whether the last load has arrived. */
  complete = false;

  #source: FeedSource;
  #belongs: (ticket: Ticket) => boolean;
  #listeners = new Set<(changed: OpenRecord | null) => void>();
  #generation = 0;
  /** During a load: versions at which tickets left (the snapshot must not bring back an older copy). */
  #left: Map<number, number> | null = null;
  /** During a load: ids changed live (kept even when the snapshot does not list them). */
  #touched: Set<number> | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(source: FeedSource, belongs: (ticket: Ticket) => boolean) {
    this.#source = source;
    this.#belongs = belongs;
  }

  /**
   * Calls `listener` after every change, with the ticket that arrived or changed (null after a load
   * or when one left); returns the unsubscribe.
   */
  subscribe(listener: (changed: OpenRecord | null) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
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

  /** Every open ticket, placed or not. */
  *records(): Iterable<OpenRecord> {
    yield* this.points.values();
    yield* this.unplaced.values();
  }

  /** Fetches the snapshot again; tickets it does not list and no change touched meanwhile are dropped. */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.complete = false;
    this.#left = new Map();
    this.#touched = new Set();
    try {
      const { lastSeq, records } = await this.#source.fetchSnapshot();
      if (generation !== this.#generation) return;
      this.#source.noteSeq(lastSeq);
      const listed = new Set<number>();
      for (const record of records) {
        listed.add(record.id);
        this.#upsert(record);
      }
      for (const map of [this.points, this.unplaced])
        for (const id of map.keys()) if (!listed.has(id) && !this.#touched.has(id)) map.delete(id);
      this.complete = true;
      this.#left = this.#touched = null;
      this.#notify(null);
    } catch {
      if (generation !== this.#generation) return;
      // A wall runs unattended: try again rather than show an empty map for ever.
      this.#retry = setTimeout(() => void this.load(), RETRY_MS);
    }
  }

  /** Applies one ticket as a change reported it. */
  apply(ticket: Ticket): void {
    this.#touched?.add(ticket.id);
    const record = this.#belongs(ticket) ? toOpenRecord(ticket) : null;
    if (record ? this.#upsert(record) : this.#remove(ticket.id, ticket.version)) this.#notify(record);
  }

  #notify(changed: OpenRecord | null): void {
    for (const listener of this.#listeners) listener(changed);
  }

  #known(id: number): OpenRecord | undefined {
    return this.points.get(id) ?? this.unplaced.get(id);
  }

  /** Stores the record if it is newer than what is known; returns whether anything changed. */
  #upsert(record: OpenRecord): boolean {
    const known = this.#known(record.id);
    if (known && known.version >= record.version) return false;
    const leftAt = this.#left?.get(record.id);
    if (leftAt !== undefined && leftAt >= record.version) return false;
    if (isPlaced(record)) {
      this.unplaced.delete(record.id);
      this.points.set(record.id, record);
    } else {
      this.points.delete(record.id);
      this.unplaced.set(record.id, record);
    }
    return true;
  }

  /** Forgets a ticket that left the view at `version`; returns whether it was there. */
  #remove(id: number, version: number): boolean {
    const known = this.#known(id);
    if (known && known.version >= version) return false;
    this.#left?.set(id, version);
    return this.points.delete(id) || this.unplaced.delete(id);
  }
}

/** The app's source for a wall's view: the lean snapshot and the realtime store. */
export function apiFeedSource(query: { districtId?: string; agencyId?: string }): FeedSource {
  return {
    fetchSnapshot: async () => {
      const snapshot = await api.mapSnapshot(query);
      return { lastSeq: snapshot.lastSeq, records: decodeMapSnapshot(snapshot) };
    },
    onChange: (handler) => realtime.onTicketChange(handler),
    onReload: (handler) => realtime.onReload(handler),
    noteSeq: (seq) => realtime.noteSeq(seq),
  };
}

/** Whether a ticket belongs on a live map of `query` (open, in scope). */
export const belongsTo =
  (query: TicketQuery) =>
  (ticket: Ticket): boolean =>
    matchesQuery(query, ticket);
