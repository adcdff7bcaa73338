import { describe, expect, it, vi } from 'vitest';
import type { TicketChange } from '#contracts/realtime.contract.ts';
import type { TicketPage } from '#contracts/ticket.contract.ts';
import { ticketFactory } from '../tickets/ticket.factory.ts';
import { belongsTo, OpenTicketFeed, type FeedSource } from './open-ticket-feed.ts';

/** A source whose pages the test releases one by one, and whose changes it pushes. */
function fakeSource() {
  const pages: ((page: TicketPage) => void)[] = [];
  const changeHandlers = new Set<(change: TicketChange) => void>();
  const reloadHandlers = new Set<() => void>();
  const source: FeedSource = {
    fetchPage: vi.fn(() => new Promise<TicketPage>((resolve) => pages.push(resolve))),
    onChange: (handler) => (changeHandlers.add(handler), () => changeHandlers.delete(handler)),
    onReload: (handler) => (reloadHandlers.add(handler), () => reloadHandlers.delete(handler)),
    noteSeq: vi.fn(),
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    source,
    async page(items: TicketPage['items'], nextCursor: string | null, lastSeq = 5) {
      await settle();
      pages.shift()?.({ items, nextCursor, lastSeq });
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
  it('fetches every page, showing each as it arrives, and notes where the log stood', async () => {
    const fake = fakeSource();
    const onchange = vi.fn();
    const feed = new OpenTicketFeed(fake.source, belongsTo(query), onchange);
    feed.start();
    await fake.page([ticketFactory({ id: 3 }), ticketFactory({ id: 2 })], '2', 41);
    expect([...feed.points.keys()]).toEqual([3, 2]);
    expect(feed.complete).toBe(false);
    expect(fake.source.noteSeq).toHaveBeenCalledWith(41);
    await fake.page([ticketFactory({ id: 1, lat: null, lon: null })], null);
    expect(feed.complete).toBe(true);
    expect([...feed.points.keys()]).toEqual([3, 2]);
    expect(fake.source.fetchPage).toHaveBeenLastCalledWith('2');
    expect(onchange).toHaveBeenCalledTimes(3);
  });

  it('applies live changes by version: newer wins, closing removes, an older page cannot bring it back', async () => {
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo(query), () => {});
    feed.start();
    await fake.page([ticketFactory({ id: 9, version: 2 })], '9');
    // While page 2 is in flight, ticket 4 is resolved and closed, ticket 9 moves on.
    fake.push(ticketFactory({ id: 4, version: 6, state: 'closed' }));
    fake.push(ticketFactory({ id: 9, version: 3, state: 'in_progress' }));
    await fake.page([ticketFactory({ id: 4, version: 5 })], null);
    expect([...feed.points.keys()]).toEqual([9]);
    expect(feed.points.get(9)?.state).toBe('in_progress');
    fake.push(ticketFactory({ id: 9, version: 2, state: 'assigned' }));
    expect(feed.points.get(9)?.state).toBe('in_progress');
    fake.push(ticketFactory({ id: 10, version: 1 }));
    expect(feed.points.has(10)).toBe(true);
  });

  it('drops on a reload what no page lists any more, keeping what changed live meanwhile', async () => {
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo(query), () => {});
    feed.start();
    await fake.page([ticketFactory({ id: 1 }), ticketFactory({ id: 2 })], null);
    fake.reload();
    fake.push(ticketFactory({ id: 3, version: 1 }));
    await fake.page([ticketFactory({ id: 2, version: 4 })], null);
    expect([...feed.points.keys()].sort()).toEqual([2, 3]);
  });

  it('keeps only the tickets of its query (an agency’s own)', async () => {
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo({ open: true, agencyId: 'astana-su' }), () => {});
    feed.start();
    await fake.page([ticketFactory({ id: 1 })], null);
    fake.push(ticketFactory({ id: 1, version: 9, agencyId: 'elevator-service' }));
    expect(feed.points.size).toBe(0);
  });

  it('stops listening when stopped', async () => {
    const fake = fakeSource();
    const feed = new OpenTicketFeed(fake.source, belongsTo(query), () => {});
    const stop = feed.start();
    await fake.page([], null);
    stop();
    fake.push(ticketFactory({ id: 5 }));
    expect(feed.points.size).toBe(0);
  });
});
