import type { AttachmentRecord } from '../../db/queries/attachments.ts';
import type { Attachment } from '../contracts/attachment.contract.ts';
import type { StoredMediaType } from './strip-metadata.ts';

/** The wire form of an attachment record, with the URL that serves its bytes. */
export function toAttachmentDto(a: AttachmentRecord): Attachment {
  return {
    id: a.id,
    ticketId: a.ticketId,
    mediaType: a.mediaType as StoredMediaType,
    byteSize: a.byteSize,
    originalName: a.originalName,
    uploadedByUserId: a.uploadedByUserId,
    channel: a.channel,
    createdAt: a.createdAt.toISOString(),
    url: `/api/attachments/${a.id}`,
  };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/**
 * `Content-Disposition: inline` with the file's name: an ASCII fallback (quotes, backslashes and
 * non-ASCII replaced) and the exact name in RFC 5987 `filename*`. Unnamed files get `attachment-<id>.<ext>`.
 */
export function inlineDisposition(a: Pick<AttachmentRecord, 'id' | 'mediaType' | 'originalName'>): string {
  const name = a.originalName ?? `attachment-${a.id}.${EXTENSIONS[a.mediaType] ?? 'bin'}`;
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
