import { SvelteSet } from 'svelte/reactivity';
import type { Alert } from '#contracts/alert.contract.ts';
import { api, ApiError, asApiError, type AlertQuery } from '../api.ts';
import { HeldPushes } from '../held-pushes.ts';
import { realtime, type AlertPush } from '../realtime.svelte.ts';
import type { AckFailure } from './alert-ack.ts';
import { isLive, openCount, sortAlerts, upsertAlert } from './alert-order.ts';

/** How the list is fetched and how long a raised alert stands out. */
export interface AlertsStoreOptions {
  /** Rows asked for (the server allows up to 500). */
  limit: number;
  /** How long an alert stays highlighted after it was raised. */
  highlightMs: number;
}

/** An acknowledgement that did not go through, with the alert it was for. */
export interface AckAttemptFailure {
  alert: Alert;
  failure: AckFailure;
}

/**
 * Live escalation alerts (open and acknowledged) in attention order: fetched over REST on start and
 * on every (re)connect, kept current by the realtime store's pushes. Pushes that arrive during a
 * fetch are held and applied on top, so nothing fresher is rolled back.
 */
export class AlertsStore {
  items = $state.raw<readonly Alert[]>([]);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  /** Ids of alerts raised (new, repeated or re-triggered) in the last `highlightMs`. */
  readonly highlighted = new SvelteSet<number>();
  /** Ids of alerts whose acknowledgement is on its way. */
  readonly pending = new SvelteSet<number>();
  /** The last acknowledgement that failed; cleared by the next attempt. */
  lastFailure = $state.raw<AckAttemptFailure | null>(null);
  /** How many alerts wait for someone to acknowledge them. */
  openCount = $derived(openCount(this.items));

  #query: { ticketId?: number };
  #options: AlertsStoreOptions;
  #held = new HeldPushes<AlertPush>();
  #loadedOnce = false;
  #followers = 0;
  #unfollow: (() => void) | null = null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- subscribers, not state a screen shows
  #raisedHandlers = new Set<(alert: Alert) => void>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timer bookkeeping, not state either
  #highlightTimers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(
    query: { ticketId?: number } = {},
    options: AlertsStoreOptions = { limit: 500, highlightMs: 8000 },
  ) {
    this.#query = query;
    this.#options = options;
  }

  /**
   * Fetches the live alerts; a newer call supersedes one in flight. After the first load, alerts that
   * are new or were raised again meanwhile (a reconnect after an outage) are highlighted too.
   */
  async load(): Promise<void> {
    const fetching = this.#held.begin();
    this.loading = true;
    try {
      const query: AlertQuery = { ...this.#query, limit: this.#options.limit };
      const fetched = sortAlerts(await api.listAlerts(query));
      if (fetching.superseded) return;
      const before: Record<number, number> = Object.fromEntries(this.items.map((a) => [a.id, a.notifyCount]));
      const missed = this.#loadedOnce
        ? fetched.filter((a) => a.status === 'open' && (before[a.id] ?? 0) < a.notifyCount)
        : [];
      this.items = fetched;
      this.error = null;
      this.#loadedOnce = true;
      for (const push of this.#held.release()) this.apply(push);
      for (const alert of missed) this.#raise(alert);
    } catch (err) {
      if (fetching.superseded) return;
      this.#held.drop();
      this.error = asApiError(err);
    } finally {
      if (!fetching.superseded) this.loading = false;
    }
  }

  /** Applies one push: the alert enters, changes place or leaves; a raised one is highlighted at once. */
  apply(push: AlertPush): void {
    if (this.#query.ticketId !== undefined && push.alert.ticketId !== this.#query.ticketId) return;
    if (push.kind === 'raised' && isLive(push.alert)) this.#raise(push.alert);
    if (this.#held.hold(push)) return;
    this.items = upsertAlert(this.items, push.alert);
  }

  /**
   * Follows the realtime store: pushes, and a fresh fetch now and on every (re)connect. Several
   * screens may follow one store; it unsubscribes when the last lets go. Returns that release.
   */
  follow(): () => void {
    if (this.#followers++ === 0) {
      const offAlert = realtime.onAlert((push) => this.apply(push));
      const offConnect = realtime.onConnect(() => void this.load());
      const offReload = realtime.onReload(() => void this.load());
      this.#unfollow = () => (offAlert(), offConnect(), offReload());
      void this.load();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#followers === 0) {
        this.#unfollow?.();
        this.#unfollow = null;
        // Whoever follows next (another screen, another user after a logout) starts afresh: what it
        // loads first is not news to flash.
        this.#loadedOnce = false;
      }
    };
  }

  /** Calls `handler` whenever an alert is raised (the wall's optional sound); returns the unsubscribe. */
  onRaised(handler: (alert: Alert) => void): () => void {
    this.#raisedHandlers.add(handler);
    return () => this.#raisedHandlers.delete(handler);
  }

  /**
   * Acknowledges an open alert through the socket. Resolves true when the server took it; otherwise
   * `lastFailure` says why (someone was quicker, the role may not, no answer in time, offline).
   */
  async acknowledge(alert: Alert): Promise<boolean> {
    if (this.pending.has(alert.id)) return false;
    this.pending.add(alert.id);
    this.lastFailure = null;
    try {
      const ack = await realtime.acknowledgeAlert(alert.id);
      if (ack.ok) {
        this.apply({ kind: 'updated', alert: ack.data });
        return true;
      }
      this.lastFailure = { alert, failure: ack.error };
      // Someone else acknowledged or it was settled: show the alert as it is now.
      if (ack.error.code === 'alert_not_open' || ack.error.code === 'not_found') void this.load();
      return false;
    } finally {
      this.pending.delete(alert.id);
    }
  }

  #raise(alert: Alert): void {
    this.highlighted.add(alert.id);
    clearTimeout(this.#highlightTimers.get(alert.id));
    this.#highlightTimers.set(
      alert.id,
      setTimeout(() => {
        this.#highlightTimers.delete(alert.id);
        this.highlighted.delete(alert.id);
      }, this.#options.highlightMs),
    );
    for (const handler of this.#raisedHandlers) handler(alert);
  }
}

/** The app's live alerts, for the wall, the alerts page and the header's badge. */
export const alerts = new AlertsStore();
