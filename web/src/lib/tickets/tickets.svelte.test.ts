import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketPage } from '#contracts/ticket.contract.ts';
import { ticketFactory } from './ticket.factory.ts';
import { realtime } from '../realtime.svelte.ts';
import { TicketsStore } from './tickets.svelte.ts';

/** A fetch whose answer the test releases when it wants. */
function deferredFetch() {
  let release: (page: TicketPage) => void = () => {};
  const answer = new Promise<TicketPage>((resolve) => (release = resolve));
  const fetchMock = vi.fn(
    async (_url: string) => new Response(JSON.stringify(await answer), { status: 200 }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return { release, fetchMock };
}

afterEach(() => vi.unstubAllGlobals());

describe('TicketsStore', () => {
  it('holds changes that arrive during a load and applies them on top of the page', async () => {
    const { release, fetchMock } = deferredFetch();
    const store = new TicketsStore({ open: true });
    const loading = store.load();
    // While the page is in flight: ticket 2 is closed, ticket 3 is created.
    store.apply({ seq: 10, events: [], ticket: ticketFactory({ id: 2, version: 5, state: 'closed' }) });
    store.apply({ seq: 11, events: [], ticket: ticketFactory({ id: 3, version: 1 }) });
    release({
      items: [ticketFactory({ id: 2, version: 4 }), ticketFactory({ id: 1 })],
      nextCursor: null,
      lastSeq: 7,
    });
    await loading;
    expect(store.items.map((t) => t.id)).toEqual([3, 1]);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/tickets?open=true&limit=50');
    expect(realtime.lastSeq).toBe(7);
  });

  it('drops a "show more" page when a new filter was loaded meanwhile, and applies changes held during it', async () => {
    const answers: ((page: TicketPage) => void)[] = [];
    const fetchMock = vi.fn(
      async (_url: string) =>
        new Response(JSON.stringify(await new Promise<TicketPage>((resolve) => answers.push(resolve))), {
          status: 200,
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const store = new TicketsStore({ open: true });
    const first = store.load();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0]!({ items: [ticketFactory({ id: 9 })], nextCursor: '9', lastSeq: 7 });
    await first;

    // "Show more" is in flight when the filter changes: the old query's page must not land.
    const more = store.loadMore();
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    const filtered = store.setQuery({ open: true, categoryId: 'open-manhole' });
    await vi.waitFor(() => expect(answers).toHaveLength(3));
    answers[1]!({ items: [ticketFactory({ id: 8, categoryId: 'pothole' })], nextCursor: null, lastSeq: 7 });
    await more;
    answers[2]!({
      items: [ticketFactory({ id: 5, categoryId: 'open-manhole' })],
      nextCursor: '5',
      lastSeq: 7,
    });
    await filtered;
    expect(store.items.map((t) => t.id)).toEqual([5]);
    expect(store.nextCursor).toBe('5');
    expect(store.loading).toBe(false);

    // A change that arrives while the next page is fetched lands on top of it.
    const next = store.loadMore();
    await vi.waitFor(() => expect(answers).toHaveLength(4));
    store.apply({
      seq: 12,
      events: [],
      ticket: ticketFactory({ id: 4, version: 3, categoryId: 'open-manhole', state: 'closed' }),
    });
    answers[3]!({
      items: [ticketFactory({ id: 4, version: 2, categoryId: 'open-manhole' })],
      nextCursor: null,
      lastSeq: 7,
    });
    await next;
    expect(store.items.map((t) => t.id)).toEqual([5]);
  });

  it('keeps a live list current once loaded', async () => {
    const { release } = deferredFetch();
    const store = new TicketsStore({ categoryId: 'open-manhole' });
    release({ items: [ticketFactory({ id: 1 })], nextCursor: 'x', lastSeq: 7 });
    await store.load();
    store.apply({ seq: 1, events: [], ticket: ticketFactory({ id: 4, categoryId: 'other' }) });
    store.apply({ seq: 2, events: [], ticket: ticketFactory({ id: 5 }) });
    expect(store.items.map((t) => t.id)).toEqual([5, 1]);
    expect(store.nextCursor).toBe('x');
  });

  it('keeps at most maxItems rows, the newest, and can page on from there', async () => {
    const { release } = deferredFetch();
    const store = new TicketsStore({}, { pageSize: 50, maxPages: 1, maxItems: 2 });
    release({ items: [ticketFactory({ id: 2 }), ticketFactory({ id: 1 })], nextCursor: null, lastSeq: 7 });
    await store.load();
    store.apply({ seq: 1, events: [], ticket: ticketFactory({ id: 3 }) });
    expect(store.items.map((t) => t.id)).toEqual([3, 2]);
    expect(store.nextCursor).toBe('2');
  });

  it('judges SLA states by the server clock the page reported, and keeps the deadline order', async () => {
    const { release } = deferredFetch();
    // The browser's clock is an hour behind the server's.
    const serverNow = Date.now() + 3_600_000;
    const at = (minutes: number) => new Date(serverNow + minutes * 60_000).toISOString();
    const working = (id: number, dueIn: number, version = 1) =>
      ticketFactory({
        id,
        version,
        state: 'in_progress',
        resolveDueAt: at(dueIn),
        resolveWarnAt: at(dueIn - 30),
      });
    const store = new TicketsStore(
      { slaState: ['breached'], sort: 'deadline' },
      { pageSize: 50, maxPages: 1, maxItems: 2 },
    );
    expect(store.dependsOnTime).toBe(true);
    release({ items: [working(1, -20), working(2, -10)], nextCursor: null, lastSeq: 7, serverTime: at(0) });
    await store.load();
    expect(Math.abs(store.now().getTime() - serverNow)).toBeLessThan(1000);
    // Breached by the server's clock though not by the browser's: it belongs, in deadline order.
    store.apply({ seq: 8, events: [], ticket: working(3, -15) });
    expect(store.items.map((t) => t.id)).toEqual([1, 3]);
    // Trimmed to maxItems, the list pages on from its last row in deadline order.
    expect(store.nextCursor).toBe(`${Date.parse(at(-15))}_3`);
    // Ticket 1 was put on hold: it is no longer breached and leaves.
    store.apply({ seq: 9, events: [], ticket: { ...working(1, -20, 2), state: 'on_hold', slaPaused: true } });
    expect(store.items.map((t) => t.id)).toEqual([3]);
  });

  it('reports a failed load as an ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const store = new TicketsStore({});
    await store.load();
    expect(store.error?.code).toBe('network');
    expect(store.loading).toBe(false);
  });
});
