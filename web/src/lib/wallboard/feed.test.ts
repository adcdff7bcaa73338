import { describe, expect, it } from 'vitest';
import { ticketFactory } from '../tickets/ticket.factory.ts';
import { pushFeed, seedFeed } from './feed.ts';

describe('pushFeed', () => {
  it('puts the change on top, keeps one line per ticket and at most max lines', () => {
    let feed = seedFeed([ticketFactory({ id: 1 }), ticketFactory({ id: 2 })], 3);
    feed = pushFeed(feed, ticketFactory({ id: 3 }), 10, 3);
    feed = pushFeed(feed, ticketFactory({ id: 1, version: 4 }), 11, 3);
    expect(feed.map((e) => e.ticket.id)).toEqual([1, 3, 2]);
    expect(feed[0]).toMatchObject({ key: '1:11', fresh: true });
    feed = pushFeed(feed, ticketFactory({ id: 4 }), 12, 3);
    expect(feed.map((e) => e.ticket.id)).toEqual([4, 1, 3]);
  });
});

describe('seedFeed', () => {
  it('orders by last update, newest first, without the highlight', () => {
    const feed = seedFeed(
      [
        ticketFactory({ id: 1, updatedAt: '2026-11-25T09:00:00.000Z' }),
        ticketFactory({ id: 2, updatedAt: '2026-11-25T10:00:00.000Z' }),
      ],
      15,
    );
    expect(feed.map((e) => e.ticket.id)).toEqual([2, 1]);
    expect(feed.every((e) => !e.fresh)).toBe(true);
  });

  it('keeps lines pushed during the load on top', () => {
    const pushed = pushFeed([], ticketFactory({ id: 7 }), 3, 15);
    const feed = seedFeed([ticketFactory({ id: 7 }), ticketFactory({ id: 1 })], 15, pushed);
    expect(feed.map((e) => e.ticket.id)).toEqual([7, 1]);
    expect(feed[0]?.fresh).toBe(true);
  });
});
