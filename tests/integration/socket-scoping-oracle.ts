import { expect } from 'vitest';
import { Alert } from '../../server/contracts/alert.contract.ts';
import { TicketChange } from '../../server/contracts/realtime.contract.ts';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import type { ClientSocket } from '../support/test-socket.ts';

/** One push as it arrived, before any parsing: what a hostile client would see. */
export interface RawPush {
  event: string;
  payload: unknown;
}

/** Records every event a socket receives (any name), so nothing unexpected slips past a typed handler. */
export function recordPushes(socket: ClientSocket): RawPush[] {
  const pushes: RawPush[] = [];
  socket.onAny((event: string, payload: unknown) => pushes.push({ event, payload }));
  return pushes;
}

/** The ticket changes among `pushes`, parsed with the contract. */
export const changesIn = (pushes: readonly RawPush[]): TicketChange[] =>
  pushes.filter((p) => p.event === 'ticket:changed').map((p) => TicketChange.parse(p.payload));

/** The alert pushes among `pushes`, parsed with the contract. */
export const alertsIn = (pushes: readonly RawPush[]): { event: string; alert: Alert }[] =>
  pushes
    .filter((p) => p.event === 'alert:raised' || p.event === 'alert:updated')
    .map((p) => ({ event: p.event, alert: Alert.parse(p.payload) }));

/** What an agency may receive of one wall change: all of it, or only that the ticket left it. */
export interface Expected {
  seq: number;
  ticketId: number;
  kind: 'full' | 'departure';
}

/**
 * What agency `agencyId` may receive, derived from the wall's record of every change (the wall room
 * gets them all): the changes of tickets it holds after them, and the one that took a ticket away.
 */
export function expectedFor(agencyId: string, wall: readonly TicketChange[]): Expected[] {
  const holder = new Map<number, string | null>();
  const expected: Expected[] = [];
  for (const c of [...wall].sort((a, b) => a.seq - b.seq)) {
    const before = holder.get(c.ticket.id) ?? null;
    holder.set(c.ticket.id, c.ticket.agencyId);
    if (c.ticket.agencyId === agencyId) expected.push({ seq: c.seq, ticketId: c.ticket.id, kind: 'full' });
    else if (before === agencyId) expected.push({ seq: c.seq, ticketId: c.ticket.id, kind: 'departure' });
  }
  return expected;
}

// Fields a departure notice may carry that differ from what the agency last saw: the move itself.
const MOVE_FIELDS = new Set<keyof Ticket>(['state', 'version', 'agencyId', 'updatedAt']);
// The new holder's commitments: a departure notice must not tell them.
const NEW_HOLDER_FIELDS = ['ackDueAt', 'ackWarnAt', 'resolveDueAt', 'resolveWarnAt'] as const;

/**
 * Checks that `received` (one agency socket's ticket changes, in arrival order) is exactly what
 * agency `agencyId` may see of the wall's changes: the full broadcast of its own tickets, and for a
 * ticket that left it one departure notice that says where it went and nothing the new holder did.
 */
export function expectScopedChanges(
  agencyId: string,
  received: readonly TicketChange[],
  wall: readonly TicketChange[],
): void {
  const expected = expectedFor(agencyId, wall);
  expect(
    received.map((c) => [c.ticket.id, c.seq]),
    `ticket pushes to ${agencyId}`,
  ).toEqual(expected.map((e) => [e.ticketId, e.seq]));
  const wallBySeq = new Map(wall.map((c) => [c.seq, c]));
  const lastSeen = new Map<number, Ticket>();
  received.forEach((change, i) => {
    const kind = expected[i]!.kind;
    for (const e of change.events) expect(e.ticketId).toBe(change.ticket.id);
    expect(change.ticket.reporterName).toBeNull();
    expect(change.ticket.reporterPhone).toBeNull();
    if (kind === 'full') {
      expect(change, `full change ${change.seq} to ${agencyId}`).toEqual(wallBySeq.get(change.seq));
      lastSeen.set(change.ticket.id, change.ticket);
      return;
    }
    expectDepartureNotice(agencyId, change, wallBySeq.get(change.seq)!, lastSeen.get(change.ticket.id));
  });
}

/** A departure notice: the move (which event, where to) and nothing of the new holder's work. */
export function expectDepartureNotice(
  agencyId: string,
  notice: TicketChange,
  wallChange: TicketChange,
  before: Ticket | undefined,
): void {
  const what = `departure notice ${notice.seq} to ${agencyId}`;
  expect(notice.ticket.agencyId, what).not.toBe(agencyId);
  expect(notice.ticket.agencyId, what).toBe(wallChange.ticket.agencyId);
  expect(notice.ticket.version, what).toBe(wallChange.ticket.version);
  expect(notice.seq, what).toBe(wallChange.seq);
  expect(
    notice.events.map((e) => [e.seq, e.type]),
    what,
  ).toEqual(wallChange.events.map((e) => [e.seq, e.type]));
  for (const e of notice.events) {
    expect(
      Object.keys(e.payload).filter((k) => k !== 'agencyId'),
      what,
    ).toEqual([]);
  }
  for (const field of NEW_HOLDER_FIELDS) expect(notice.ticket[field], `${what}: ${field}`).toBeNull();
  expect(notice.ticket.acceptedEvents, what).toEqual([]);
  if (!before) return;
  for (const [key, value] of Object.entries(notice.ticket) as [keyof Ticket, unknown][]) {
    if (MOVE_FIELDS.has(key) || value === null || value === false) continue;
    if (key === 'acceptedEvents') continue;
    expect(value, `${what}: ${key} is new content`).toEqual(before[key]);
  }
}

/**
 * Checks that every alert an agency received is about a ticket it holds, or addressed to it as a
 * district's overseer, or the closing notice of an alert addressed to it before the ticket moved on.
 */
export function expectScopedAlerts(agencyId: string, pushes: readonly RawPush[]): void {
  for (const { alert } of alertsIn(pushes)) {
    const addressed = alert.targetAgencyId === agencyId;
    const allowed =
      alert.agencyId === agencyId ||
      (addressed && (alert.target === 'district_akimat' || alert.status === 'resolved'));
    expect(
      allowed,
      `alert ${alert.id} (${alert.status}, ticket ${alert.ticketId} at ${alert.agencyId}, to ${alert.targetAgencyId}) reached ${agencyId}`,
    ).toBe(true);
  }
}

/** Agency consoles get tickets and alerts only: never the wall's figures or the social queue. */
export function expectOnlyAgencyEvents(pushes: readonly RawPush[]): void {
  expect(
    [...new Set(pushes.map((p) => p.event))].filter(
      (e) => !['ticket:changed', 'alert:raised', 'alert:updated'].includes(e),
    ),
  ).toEqual([]);
}
