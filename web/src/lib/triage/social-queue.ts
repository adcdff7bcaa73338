import type { SocialPost } from '#contracts/social.contract.ts';

/** The queue's order: oldest received first, as the server lists it (first come, first served). */
export function sortQueue(posts: readonly SocialPost[]): SocialPost[] {
  return [...posts].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id - b.id);
}

/** The queue after a post arrived: added in its place unless already there or already handled. */
export function addPost(queue: readonly SocialPost[], post: SocialPost): readonly SocialPost[] {
  if (post.status !== 'new' || queue.some((p) => p.id === post.id)) return queue;
  return sortQueue([...queue, post]);
}

/** The queue without the post `id` (converted, dismissed, or found handled by someone else). */
export function removePost(queue: readonly SocialPost[], id: number): readonly SocialPost[] {
  return queue.some((p) => p.id === id) ? queue.filter((p) => p.id !== id) : queue;
}

/** Who wrote a post, as the card names them: the name, the handle, or both. */
export function authorOf(post: Pick<SocialPost, 'authorName' | 'authorHandle'>): string | null {
  const { authorName: name, authorHandle: handle } = post;
  if (name && handle) return `${name} (${handle})`;
  return name ?? handle ?? null;
}

/** A post's location, when the network sent one. */
export const pointOf = (post: Pick<SocialPost, 'lat' | 'lon'>): { lat: number; lon: number } | null =>
  post.lat !== null && post.lon !== null ? { lat: post.lat, lon: post.lon } : null;

/** A point as people read coordinates: five decimals (about a metre). */
export const formatPoint = (point: { lat: number; lon: number }): string =>
  `${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}`;
