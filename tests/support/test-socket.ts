import { io, type Socket } from 'socket.io-client';
import { Alert } from '../../server/contracts/alert.contract.ts';
import {
  Kpis,
  TicketChange,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../server/contracts/realtime.contract.ts';

/** A Socket.IO client typed with the one realtime contract. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A client socket that has not connected yet (no reconnection: tests decide when to come back). */
export function openSocket(url: string, cookie?: string): ClientSocket {
  return io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    ...(cookie && { extraHeaders: { cookie } }),
  });
}

/** Connects and resolves once the server accepted the handshake; rejects with the server's refusal. */
export function connect(socket: ClientSocket): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
    socket.connect();
  });
}

/**
 * Everything the server pushed to one socket, parsed with the contract, plus a way to wait for a
 * push that matches. Listening starts at construction, so nothing sent after it is missed.
 */
export class Inbox {
  readonly changes: TicketChange[] = [];
  readonly kpis: Kpis[] = [];
  /** Alert pushes in arrival order, `alert:raised` and `alert:updated` alike. */
  readonly alerts: { event: 'alert:raised' | 'alert:updated'; alert: Alert }[] = [];
  private waiters: (() => void)[] = [];

  constructor(socket: ClientSocket) {
    socket.on('ticket:changed', (change) => {
      this.changes.push(TicketChange.parse(change));
      this.wake();
    });
    socket.on('kpi:updated', (kpis) => {
      this.kpis.push(Kpis.parse(kpis));
      this.wake();
    });
    for (const event of ['alert:raised', 'alert:updated'] as const) {
      socket.on(event, (alert) => {
        this.alerts.push({ event, alert: Alert.parse(alert) });
        this.wake();
      });
    }
  }

  /** The first alert push (already received or coming) that matches. */
  alert(
    match: (push: { event: 'alert:raised' | 'alert:updated'; alert: Alert }) => boolean,
    timeoutMs = 3000,
  ): Promise<{ event: 'alert:raised' | 'alert:updated'; alert: Alert }> {
    return this.waitFor(() => this.alerts.find(match), timeoutMs, 'alert push');
  }

  /** The first change (already received or coming) that matches, or a rejection after `timeoutMs`. */
  change(match: (c: TicketChange) => boolean, timeoutMs = 3000): Promise<TicketChange> {
    return this.waitFor(() => this.changes.find(match), timeoutMs, 'ticket:changed');
  }

  /**
   * The first KPI push with index ≥ `from` (so a caller can ask for one after a point in time) that
   * matches: the server also pushes every 15 s, so a push may come that predates the change awaited.
   */
  kpi(from = 0, timeoutMs = 3000, match: (kpis: Kpis) => boolean = () => true): Promise<Kpis> {
    return this.waitFor(() => this.kpis.slice(from).find(match), timeoutMs, 'kpi:updated');
  }

  private waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return false;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new Error(`no matching ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.waiters.push(wake);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
