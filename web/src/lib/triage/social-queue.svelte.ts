import type { SocialPost } from '#contracts/social.contract.ts';
import { api, ApiError, asApiError } from '../api.ts';
import { HeldPushes } from '../held-pushes.ts';
import { realtime, type SocialPush } from '../realtime.svelte.ts';
import { addPost, removePost, sortQueue } from './social-queue.ts';

/** How many handled posts are remembered, to say who handled one when an operator was too late. */
const HANDLED_MEMORY = 200;

/**
 * The social triage queue (posts waiting for an operator), live: fetched over REST on every
 * (re)connect and kept current by `social:received` / `social:handled` pushes. Pushes that arrive
 * during a fetch are held and applied on top, so a post handled meanwhile does not come back.
 */
export class SocialQueueStore {
  items = $state.raw<readonly SocialPost[]>([]);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  /** Whether the queue was fetched at least once (before that, "empty" is not known). */
  loaded = $state(false);
  /** Posts waiting: the header's badge. */
  count = $derived(this.items.length);

  #held = new HeldPushes<SocialPush>();
  #followers = 0;
  #unfollow: (() => void) | null = null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for error messages, not state a screen shows
  #handled = new Map<number, SocialPost>();

  /** Fetches the queue; a newer call supersedes one in flight. */
  async load(): Promise<void> {
    const fetching = this.#held.begin();
    this.loading = true;
    try {
      const fetched = await api.listSocialPosts({ status: 'new', limit: 500 });
      if (fetching.superseded) return;
      this.items = sortQueue(fetched);
      this.error = null;
      this.loaded = true;
      for (const push of this.#held.release()) this.apply(push);
    } catch (err) {
      if (fetching.superseded) return;
      this.#held.drop();
      this.error = asApiError(err);
    } finally {
      if (!fetching.superseded) this.loading = false;
    }
  }

  /** Applies one push: a post enters the queue or leaves it. */
  apply(push: SocialPush): void {
    if (push.kind === 'handled') this.#remember(push.post);
    if (this.#held.hold(push)) return;
    this.items =
      push.kind === 'received' ? addPost(this.items, push.post) : removePost(this.items, push.post.id);
  }

  /** Takes a post out at once (this operator handled it, or found it handled); `post` as it is now, if known. */
  settle(id: number, post?: SocialPost): void {
    if (post) this.#remember(post);
    this.items = removePost(this.items, id);
    this.#held.discard((push) => push.post.id === id);
  }

  /** The post as last seen handled (from a push or the server), if this store knows it. */
  handled(id: number): SocialPost | undefined {
    return this.#handled.get(id);
  }

  /**
   * Follows the realtime store: pushes, and a fresh fetch now and on every (re)connect. Several
   * screens (the header's badge, the triage page) may follow one store. Returns the release.
   */
  follow(): () => void {
    if (this.#followers++ === 0) {
      const offSocial = realtime.onSocial((push) => this.apply(push));
      const offConnect = realtime.onConnect(() => void this.load());
      this.#unfollow = () => (offSocial(), offConnect());
      void this.load();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#followers === 0) {
        this.#unfollow?.();
        this.#unfollow = null;
        // Nobody shows the queue any more (a logout): the next follower, maybe another user, starts afresh.
        this.#held.reset();
        this.items = [];
        this.loaded = false;
        this.loading = false;
      }
    };
  }

  #remember(post: SocialPost): void {
    this.#handled.delete(post.id);
    this.#handled.set(post.id, post);
    if (this.#handled.size > HANDLED_MEMORY) {
      const oldest = this.#handled.keys().next().value;
      if (oldest !== undefined) this.#handled.delete(oldest);
    }
  }
}

/** The app's one triage queue, for the header's badge and the triage page. */
export const socialQueue = new SocialQueueStore();
