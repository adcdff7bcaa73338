import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { LocalDiskAttachmentStore } from './local-disk-attachment-store.ts';
import { S3AttachmentStore } from './s3-attachment-store.ts';

/** Thrown at start when the configured store cannot be used; the message says what to fix. */
export class AttachmentStoreUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentStoreUnavailable';
  }
}

/**
 * The attachment store the configuration asks for: the local disk under DATA_DIR/attachments, or
 * an S3-compatible bucket, which must answer HeadBucket first: a server that cannot keep a
 * resident's photo should fail at start, not on the first upload.
 */
export async function openAttachmentStore(
  config: Pick<Config, 'dataDir' | 'attachmentStore'>,
): Promise<AttachmentStore> {
  const chosen = config.attachmentStore;
  if (chosen.kind === 'local') return new LocalDiskAttachmentStore(join(config.dataDir, 'attachments'));
  const store = new S3AttachmentStore(chosen);
  try {
    await store.checkBucket();
  } catch (err) {
    store.close();
    throw new AttachmentStoreUnavailable(
      `ATTACHMENT_STORE=s3, but the bucket cannot be used, so Komek does not start. ${(err as Error).message}`,
    );
  }
  return store;
}
