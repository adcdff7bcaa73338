import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live, addressed by the sha-256 of their (already stripped) content, so
 * storing the same photo twice keeps one copy. One implementation per file: the local disk
 * (`local-disk-attachment-store.ts`) and an S3-compatible bucket (`s3-attachment-store.ts`), chosen
 * by ATTACHMENT_STORE (`configured-store.ts`); both pass `attachment-store.contract.ts`.
 */
export interface AttachmentStore {
  /** Stores `bytes` under `sha256` (their hash, computed by the caller); storing existing content is a no-op. */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under `sha256` as a stream, or null when there are none. */
  open(sha256: string): Promise<Readable | null>;
}

/** A sha-256 in lower-case hex: the only names a store accepts (no path can be smuggled in). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
