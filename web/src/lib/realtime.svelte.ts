import { io, type Socket } from 'socket.io-client';
import type { Alert } from '#contracts/alert.contract.ts';
import type { Ack } from '#contracts/common.contract.ts';
import type {
  ClientToServerEvents,
  Kpis,
  ServerToClientEvents,
  TicketChange,
} from '#contracts/realtime.contract.ts';
import type { SocialPost } from '#contracts/social.contract.ts';
import { api } from './api.ts';

type KomekSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** An alert push: `raised` when its target is told (new, repeated, re-triggered), else `updated`. */
export interface AlertPush {
  kind: 'raised' | 'updated';
  alert: Alert;
}

/** A social-queue push: a post `received` into the triage queue, or `handled` (converted or dismissed). */
export interface SocialPush {
  kind: 'received' | 'handled';
  post: SocialPost;
}

/** `connecting` before the first answer, then `online` / `offline` as the link comes and goes. */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline';

const SYNC_TIMEOUT_MS = 5000;
/** How long a command waits for the server's ack before the user is told it did not go through. */
const COMMAND_TIMEOUT_MS = 5000;
const RETRY_AFTER_REFUSAL_MS = 5000;

/**
 * The app's one Socket.IO connection and the only code that subscribes to it. Stores register
 * handlers here; after a reconnect it replays what was missed (`sync:since`) or, when it cannot,
 * asks every store to reload its list from REST.
 */
class RealtimeStore {
  status = $state<ConnectionStatus>('idle');
  /** When data last arrived from the server (a push, a resync or a KPI fetch). */
  lastUpdateAt = $state<Date | null>(null);
  /** Highest change sequence number seen; 0 until the first push. */
  lastSeq = $state(0);
  kpis = $state.raw<Kpis | null>(null);

  #socket: KomekSocket | null = null;
  #hasConnected = false;
  /** Whether lastSeq is a real log position (0 is one, on an empty log) rather than "nothing seen". */
  #seqKnown = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #changeHandlers = new Set<(change: TicketChange) => void>();
  #reloadHandlers = new Set<() => void>();
  #alertHandlers = new Set<(push: AlertPush) => void>();
  #socialHandlers = new Set<(push: SocialPush) => void>();
  #connectHandlers = new Set<() => void>();

  /** Opens the connection (idempotent). */
  start(): void {
    if (this.#socket) return;
    this.status = 'connecting';
    // Long-polling first, then the upgrade to WebSocket: a wall behind a proxy that blocks WebSockets still works.
    const socket: KomekSocket = io({ withCredentials: true });
    socket.on('connect', () => void this.#onConnect());
    socket.on('disconnect', () => (this.status = 'offline'));
    socket.on('connect_error', () => {
      this.status = 'offline';
      // A refusal by the server's auth middleware stops Socket.IO's own retries: keep trying.
      if (!socket.active)
        this.#retryTimer ??= setTimeout(
          () => ((this.#retryTimer = null), socket.connect()),
          RETRY_AFTER_REFUSAL_MS,
        );
    });
    // Payloads are typed by the shared contract; the server builds them from the same schemas.
    socket.on('ticket:changed', (change) => this.#receive(change));
    socket.on('alert:raised', (alert) => this.#receiveAlert({ kind: 'raised', alert }));
    socket.on('alert:updated', (alert) => this.#receiveAlert({ kind: 'updated', alert }));
    socket.on('social:received', (post) => this.#receiveSocial({ kind: 'received', post }));
    socket.on('social:handled', (post) => this.#receiveSocial({ kind: 'handled', post }));
    socket.on('kpi:updated', (kpis) => {
      this.kpis = kpis;
      this.lastUpdateAt = new Date();
    });
    this.#socket = socket;
  }

  /** Closes the connection and forgets what it saw (logout). */
  stop(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#socket?.disconnect();
    this.#socket = null;
    this.#hasConnected = false;
    this.#seqKnown = false;
    this.status = 'idle';
    this.lastSeq = 0;
    this.kpis = null;
  }

  /** Calls `handler` for every ticket change, live or replayed; returns the unsubscribe. */
  onTicketChange(handler: (change: TicketChange) => void): () => void {
    this.#changeHandlers.add(handler);
    return () => this.#changeHandlers.delete(handler);
  }

  /** Calls `handler` when changes were missed and lists must be fetched again; returns the unsubscribe. */
  onReload(handler: () => void): () => void {
    this.#reloadHandlers.add(handler);
    return () => this.#reloadHandlers.delete(handler);
  }

  /** Calls `handler` for every alert push; returns the unsubscribe. */
  onAlert(handler: (push: AlertPush) => void): () => void {
    this.#alertHandlers.add(handler);
    return () => this.#alertHandlers.delete(handler);
  }

  /**
   * Calls `handler` for every social triage push; returns the unsubscribe. Pushes are not replayed
   * after a reconnect: followers fetch the queue again from `onConnect`.
   */
  onSocial(handler: (push: SocialPush) => void): () => void {
    this.#socialHandlers.add(handler);
    return () => this.#socialHandlers.delete(handler);
  }

  /**
   * Calls `handler` on every connection, the first and each reconnect: state the event log does not
   * replay (alerts) is fetched again then. Returns the unsubscribe.
   */
  onConnect(handler: () => void): () => void {
    this.#connectHandlers.add(handler);
    return () => this.#connectHandlers.delete(handler);
  }

  /**
   * Acknowledges an escalation alert over the socket (`alert:acknowledge`). Never throws: no
   * connection is `offline`, no answer in time is `timeout`, refusals carry the server's code.
   */
  async acknowledgeAlert(alertId: number): Promise<Ack<Alert>> {
    const socket = this.#socket;
    if (!socket?.connected)
      return { ok: false, error: { code: 'offline', message: 'Not connected to the server.' } };
    try {
      return await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('alert:acknowledge', { alertId });
    } catch {
      return { ok: false, error: { code: 'timeout', message: 'The server did not answer in time.' } };
    }
  }

  /**
   * Notes the event-log position a REST list was read at (TicketPage.lastSeq): a resync from it
   * misses nothing that list does not already show.
   */
  noteSeq(seq: number): void {
    this.#seqKnown = true;
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  /** Fetches the KPIs over REST (at start, after a reconnect, and as a periodic check on the wall). */
  async refreshKpis(): Promise<void> {
    this.kpis = await api.kpis();
    this.lastUpdateAt = new Date();
  }

  async #onConnect(): Promise<void> {
    this.status = 'online';
    const reconnect = this.#hasConnected;
    this.#hasConnected = true;
    this.lastUpdateAt = new Date();
    if (reconnect) void this.refreshKpis().catch(() => undefined);
    for (const handler of this.#connectHandlers) handler();
    // Lists loaded before this connection carry the log position they were read at: replay from
    // there, so a change committed between the list and the connection is not lost.
    if (this.#seqKnown) return this.#resync();
    if (reconnect) this.#reloadAll();
  }

  async #resync(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    try {
      const ack = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('sync:since', { sinceSeq: this.lastSeq });
      if (!ack.ok) return this.#reloadAll();
      for (const change of ack.data.changes) this.#receive(change);
      this.lastSeq = Math.max(this.lastSeq, ack.data.lastSeq);
      if (!ack.data.complete) this.#reloadAll();
    } catch {
      // No answer in time: the safe fallback is a full reload.
      this.#reloadAll();
    }
  }

  #receive(change: TicketChange): void {
    this.#seqKnown = true;
    this.lastSeq = Math.max(this.lastSeq, change.seq);
    this.lastUpdateAt = new Date();
    for (const handler of this.#changeHandlers) handler(change);
  }

  #receiveAlert(push: AlertPush): void {
    this.lastUpdateAt = new Date();
    for (const handler of this.#alertHandlers) handler(push);
  }

  #receiveSocial(push: SocialPush): void {
    this.lastUpdateAt = new Date();
    for (const handler of this.#socialHandlers) handler(push);
  }

  #reloadAll(): void {
    for (const handler of this.#reloadHandlers) handler();
  }
}

/** The one realtime connection of the app. */
export const realtime = new RealtimeStore();
