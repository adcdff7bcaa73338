import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SocialPost } from '#contracts/social.contract.ts';
import { socialPostFactory as post } from './social-post.factory.ts';
import { SocialQueueStore } from './social-queue.svelte.ts';

/** A fetch of /api/social-posts whose answer the test releases when it wants. */
function deferredFetch() {
  let release: (posts: SocialPost[]) => void = () => {};
  const answer = new Promise<SocialPost[]>((resolve) => (release = resolve));
  const fetchMock = vi.fn(
    async (_url: string) => new Response(JSON.stringify(await answer), { status: 200 }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return { release, fetchMock };
}

const ids = (store: SocialQueueStore) => store.items.map((p) => p.id);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('SocialQueueStore', () => {
  it('loads the queue oldest first', async () => {
    const { release, fetchMock } = deferredFetch();
    const store = new SocialQueueStore();
    const loading = store.load();
    release([
      post({ id: 2, receivedAt: '2026-11-25T06:02:00.000Z' }),
      post({ id: 1, receivedAt: '2026-11-25T06:01:00.000Z' }),
    ]);
    await loading;
    expect(ids(store)).toEqual([1, 2]);
    expect(store.count).toBe(2);
    expect(store.loaded).toBe(true);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/social-posts?status=new&limit=500');
  });

  it('holds pushes that arrive during a load and applies them on top', async () => {
    const { release } = deferredFetch();
    const store = new SocialQueueStore();
    const loading = store.load();
    store.apply({ kind: 'handled', post: post({ id: 1, status: 'converted', ticketId: 7 }) });
    store.apply({ kind: 'received', post: post({ id: 3, receivedAt: '2026-11-25T06:03:00.000Z' }) });
    release([post({ id: 1 }), post({ id: 2, receivedAt: '2026-11-25T06:02:00.000Z' })]);
    await loading;
    expect(ids(store)).toEqual([2, 3]);
    expect(store.handled(1)?.ticketId).toBe(7);
  });

  it('takes a post out at once when this operator settles it', () => {
    const store = new SocialQueueStore();
    store.items = [post({ id: 1 }), post({ id: 2 })];
    store.settle(1, post({ id: 1, status: 'dismissed', dismissReason: 'spam' }));
    expect(ids(store)).toEqual([2]);
    expect(store.handled(1)?.dismissReason).toBe('spam');
    // The push of the same dismissal arriving later changes nothing.
    store.apply({ kind: 'handled', post: post({ id: 1, status: 'dismissed' }) });
    expect(ids(store)).toEqual([2]);
  });

  it('follows the realtime pushes while someone shows the queue, and forgets it when the last one leaves', async () => {
    const { release } = deferredFetch();
    const store = new SocialQueueStore();
    const releaseHeader = store.follow();
    const releasePage = store.follow();
    release([post({ id: 1 })]);
    await vi.waitFor(() => expect(ids(store)).toEqual([1]));
    releasePage();
    expect(ids(store)).toEqual([1]);
    releaseHeader();
    expect(store.items).toEqual([]);
    expect(store.loaded).toBe(false);
  });
});
