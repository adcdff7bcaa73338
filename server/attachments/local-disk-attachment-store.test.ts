import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itBehavesAsAnAttachmentStore, sha256Of } from './attachment-store.contract.ts';
import { LocalDiskAttachmentStore } from './local-disk-attachment-store.ts';

describe('LocalDiskAttachmentStore', () => {
  let dir: string;
  let store: LocalDiskAttachmentStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'komek-attachments-'));
    store = new LocalDiskAttachmentStore(join(dir, 'attachments'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  itBehavesAsAnAttachmentStore(() => store);

  it('stores content under its hash with two characters of fan-out, leaving no temporary file', async () => {
    const hash = sha256Of('photo');
    await store.put(hash, Buffer.from('photo'));
    await store.put(hash, Buffer.from('photo'));
    expect(await readdir(join(dir, 'attachments', hash.slice(0, 2)))).toEqual([hash]);
    expect(await readdir(join(dir, 'attachments', 'tmp'))).toEqual([]);
  });
});
