import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskAttachmentStore } from './local-disk-attachment-store.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('LocalDiskAttachmentStore', () => {
  let dir: string;
  let store: LocalDiskAttachmentStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'komek-attachments-'));
    store = new LocalDiskAttachmentStore(join(dir, 'attachments'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores content under its hash with two characters of fan-out, once, and reads it back', async () => {
    const hash = sha('photo');
    await store.put(hash, Buffer.from('photo'));
    await store.put(hash, Buffer.from('photo'));
    expect(await readdir(join(dir, 'attachments', hash.slice(0, 2)))).toEqual([hash]);
    expect(await readdir(join(dir, 'attachments', 'tmp'))).toEqual([]);
    expect(await text((await store.open(hash))!)).toBe('photo');
  });

  it('answers null for content it does not have', async () => {
    expect(await store.open(sha('nothing'))).toBeNull();
  });

  it('refuses a name that is not a sha-256, so no path can be smuggled in', async () => {
    await expect(store.open('../../etc/passwd')).rejects.toThrow(/not a sha-256/);
    await expect(store.put('AB'.repeat(32), Buffer.from('x'))).rejects.toThrow(/not a sha-256/);
  });
});
