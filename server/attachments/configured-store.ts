import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { LocalDiskAttachmentStore } from './local-disk-attachment-store.ts';

/** The attachment store the configuration asks for: the local disk under DATA_DIR/attachments (the only one so far). */
export function configuredAttachmentStore(config: Pick<Config, 'dataDir'>): AttachmentStore {
  return new LocalDiskAttachmentStore(join(config.dataDir, 'attachments'));
}
