import { createHash, randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { expect, it } from 'vitest';
import type { AttachmentStore } from './attachment-store.ts';

/** The sha-256 of `bytes`, as stores are addressed. */
export const sha256Of = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * What every AttachmentStore promises, run by each store's own tests (inside their `describe`,
 * with `store` giving the instance of the current test).
 */
export function itBehavesAsAnAttachmentStore(store: () => AttachmentStore): void {
  it('reads back exactly the bytes stored under their hash', async () => {
    const photo = randomBytes(256 * 1024 + 7);
    const hash = sha256Of(photo);
    await store().put(hash, photo);
    const stream = await store().open(hash);
    expect(stream).not.toBeNull();
    expect(sha256Of(await buffer(stream!))).toBe(hash);
  });

  it('keeps the first copy: storing under a hash already present is a no-op', async () => {
    const hash = sha256Of('photo');
    await store().put(hash, Buffer.from('photo'));
    await store().put(hash, Buffer.from('photo'));
    // Content-addressed: whatever comes later under the same name is not written at all.
    await store().put(hash, Buffer.from('not the photo'));
    expect((await buffer((await store().open(hash))!)).toString()).toBe('photo');
  });

  it('keeps different content apart', async () => {
    const [a, b] = [Buffer.from('first'), Buffer.from('second')];
    await Promise.all([store().put(sha256Of(a), a), store().put(sha256Of(b), b)]);
    expect((await buffer((await store().open(sha256Of(b)))!)).toString()).toBe('second');
    expect((await buffer((await store().open(sha256Of(a)))!)).toString()).toBe('first');
  });

  it('answers null for content it does not have', async () => {
    expect(await store().open(sha256Of('nothing'))).toBeNull();
  });

  it('refuses a name that is not a sha-256, so no path can be smuggled in', async () => {
    await expect(store().open('../../etc/passwd')).rejects.toThrow(/not a sha-256/);
    await expect(store().put('AB'.repeat(32), Buffer.from('x'))).rejects.toThrow(/not a sha-256/);
  });
}
