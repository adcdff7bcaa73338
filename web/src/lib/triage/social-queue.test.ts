import { describe, expect, it } from 'vitest';
import { socialPostFactory as post } from './social-post.factory.ts';
import { addPost, authorOf, formatPoint, pointOf, removePost, sortQueue } from './social-queue.ts';

const ids = (posts: readonly { id: number }[]) => posts.map((p) => p.id);

describe('the triage queue', () => {
  it('keeps the oldest received post first', () => {
    const queue = sortQueue([
      post({ id: 2, receivedAt: '2026-11-25T06:02:00.000Z' }),
      post({ id: 1, receivedAt: '2026-11-25T06:01:00.000Z' }),
    ]);
    expect(ids(queue)).toEqual([1, 2]);
    expect(ids(addPost(queue, post({ id: 3, receivedAt: '2026-11-25T06:00:00.000Z' })))).toEqual([3, 1, 2]);
  });

  it('adds a post once, and never a handled one', () => {
    const queue = [post({ id: 1 })];
    expect(addPost(queue, post({ id: 1 }))).toBe(queue);
    expect(addPost(queue, post({ id: 2, status: 'dismissed' }))).toBe(queue);
  });

  it('drops a handled post, and leaves the queue alone for one it does not hold', () => {
    const queue = [post({ id: 1 }), post({ id: 2 })];
    expect(ids(removePost(queue, 1))).toEqual([2]);
    expect(removePost(queue, 9)).toBe(queue);
  });
});

describe('authorOf and pointOf', () => {
  it('names the author by name and handle, either, or not at all', () => {
    expect(authorOf({ authorName: 'Aigerim B.', authorHandle: '@aigerim' })).toBe('Aigerim B. (@aigerim)');
    expect(authorOf({ authorName: null, authorHandle: '@aigerim' })).toBe('@aigerim');
    expect(authorOf({ authorName: null, authorHandle: null })).toBeNull();
  });

  it('gives the point only when both coordinates came', () => {
    expect(pointOf({ lat: 51.1, lon: 71.4 })).toEqual({ lat: 51.1, lon: 71.4 });
    expect(pointOf({ lat: null, lon: null })).toBeNull();
  });

  it('writes a point to five decimals', () => {
    expect(formatPoint({ lat: 51.1605, lon: 71.4704 })).toBe('51.16050, 71.47040');
  });
});
