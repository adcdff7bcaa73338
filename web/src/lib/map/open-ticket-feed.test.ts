import { describe, expect, it, vi } from 'vitest';
import type { TicketChange } from '#contracts/realtime.contract.ts';
import type { Ticket } from '#contracts/ticket.contract.ts';
import { ticketFactory } from '../tickets/ticket.factory.ts';
import { toOpenRecord, type OpenRecord } from './map-point.ts';
import { belongsTo, OpenTicketFeed, type FeedSource } from './open-ticket-feed.ts';

/** A source whose snapshots the test releases one by one, and whose changes it pushes. */
function fakeSource() {
  const snapshots: ((s: { lastSeq: number; records: OpenRecord[] }) => void)[] = [];
  const changeHandlers = new Set<(change: TicketChange) => void>();
  const reloadHandlers = new Set<() => void>();
  const source: FeedSource = {
    fetchSnapshot: vi.fn(
      () => new Promise<{ lastSeq: number; records: OpenRecord[] }>((resolve) => snapshots.push(resolve)),
    ),
    onChange: (handler) => (changeHandlers.add(handler), () => changeHandlers.delete(handler)),
    onReload: (handler) => (reloadHandlers.add(handler), () => reloadHandlers.delete(handler)),
    noteSeq: vi.fn(),
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    source,
    async snapshot(tickets: Ticket[], lastSeq = 5) {
      await settle();
      const records = tickets.map((t) => toOpenRecord(t)).filter((r) => r !== null);
      snapshots.shift()?.({ lastSeq, records });
      await settle();
    },
    push: (ticket: TicketChange['ticket']) => {
      for (const handler of changeHandlers) handler({ seq: 99, events: [], ticket });
    },
    reload: () => {
      for (const handler of reloadHandlers) handler();
    },
  };
}

const query = { open: true } as const;

describe('OpenTicketFeed', () => {
  it('loads the snapshot, maps the placed tickets, counts the rest, and notes where the log stood', async () => {
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo(query));
    const onchange = vi.fn();
    feed.subscribe(onchange);
    feed.start();
    expect(feed.complete).toBe(false);
    await fake.snapshot([ticketFactory({ id: 3 }), ticketFactory({ id: 1, lat: null, lon: null })], 41);
    expect(feed.complete).toBe(true);
    expect([...feed.points.keys()]).toEqual([3]);
    expect([...feed.unplaced.keys()]).toEqual([1]);
    expect([...feed.records()].map((r) => r.id)).toEqual([3, 1]);
    expect(fake.source.noteSeq).toHaveBeenCalledWith(41);
    expect(onchange).toHaveBeenCalledTimes(1);
  });

  it('applies live changes by version: newer wins, closing removes, the snapshot cannot bring it back', async () => {
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo(query));
    feed.start();
    // While the snapshot is in flight, ticket 4 is closed and ticket 9 moves on.
    fake.push(ticketFactory({ id: 4, version: 6, state: 'closed' }));
    fake.push(ticketFactory({ id: 9, version: 3, state: 'in_progress' }));
    await fake.snapshot([ticketFactory({ id: 4, version: 5 }), ticketFactory({ id: 9, version: 2 })]);
    expect([...feed.points.keys()]).toEqual([9]);
    expect(feed.points.get(9)?.state).toBe('in_progress');
    fake.push(ticketFactory({ id: 9, version: 2, state: 'assigned' }));
    expect(feed.points.get(9)?.state).toBe('in_progress');
    fake.push(ticketFactory({ id: 10, version: 1 }));
    expect(feed.points.has(10)).toBe(true);
    // A point removed from a ticket moves it to the counted-only set.
    fake.push(ticketFactory({ id: 10, version: 2, lat: null, lon: null }));
    expect(feed.points.has(10)).toBe(false);
    expect(feed.unplaced.has(10)).toBe(true);
  });

  it('drops on a reload what the snapshot does not list any more, keeping what changed live meanwhile', async () => {
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo(query));
    feed.start();
    await fake.snapshot([ticketFactory({ id: 1 }), ticketFactory({ id: 2 })]);
    fake.reload();
    fake.push(ticketFactory({ id: 3, version: 1 }));
    await fake.snapshot([ticketFactory({ id: 2, version: 4 })]);
    expect([...feed.points.keys()].sort()).toEqual([2, 3]);
  });

  it('keeps only the tickets of its query (an agency’s own)', async () => {
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo({ open: true, agencyId: 'astana-su' }));
    feed.start();
    await fake.snapshot([ticketFactory({ id: 1, agencyId: 'astana-su' })]);
    fake.push(ticketFactory({ id: 1, version: 9, agencyId: 'elevator-service' }));
    expect(feed.points.size).toBe(0);
  });

  it('tries again when the snapshot fails, and stops listening when stopped', async () => {
    vi.useFakeTimers();
    try {
      const source: FeedSource = {
        fetchSnapshot: vi
          .fn()
          .mockRejectedValueOnce(new Error('offline'))
          .mockResolvedValue({
            lastSeq: 1,
            records: [toOpenRecord(ticketFactory({ id: 7 }))!],
          }),
        onChange: () => () => {},
        onReload: () => () => {},
        noteSeq: () => {},
      };
      const feed = new OpenTicketFeed(source, belongsTo(query));
      const stop = feed.start();
      await vi.advanceTimersByTimeAsync(5000);
      expect(feed.points.has(7)).toBe(true);
      stop();
    } finally {
      vi.useRealTimers();
    }
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo(query));
    const stop = feed.start();
    await fake.snapshot([]);
    stop();
    fake.push(ticketFactory({ id: 5 }));
    expect(feed.points.size).toBe(0);
  });
});
