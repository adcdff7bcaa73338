import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SHA256_HEX, type AttachmentStore } from './attachment-store.ts';

/**
 * Attachments as files under `dir` (DATA_DIR/attachments), at `ab/abcdef…` by their sha-256: two
 * hex characters of fan-out keep directories small. A file is written to `tmp/` and renamed into
 * place, so a reader never sees half a file and a crash leaves only a temporary file behind.
 */
export class LocalDiskAttachmentStore implements AttachmentStore {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(sha256);
    if (await exists(path)) return;
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
    try {
      const file = await open(tmp, 'wx', 0o640);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    const path = this.pathOf(sha256);
    if (!(await exists(path))) return null;
    return createReadStream(path);
  }

  private pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha-256: ${JSON.stringify(sha256)}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
