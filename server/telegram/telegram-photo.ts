import type { Api } from 'grammy';
import type { Sql } from '../../db/client.ts';
import { setPhotoAttachment } from '../../db/queries/telegram-tickets.ts';
import type { AttachmentService } from '../attachments/attachment.service.ts';
import type { Logger } from '../logger.ts';

/** How long one photo may take to download. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** Turns a resident's Telegram photo into an attachment of their ticket. */
export interface PhotoKeeper {
  /** Downloads and keeps the photo; a failure is logged (the file id stays on record), never thrown. */
  keep(ticketId: number, photo: { fileId: string; fileUniqueId: string }): Promise<void>;
}

/**
 * Fetches the photo from Telegram (getFile, then the file URL under the API root) and hands the
 * bytes to the attachments, which check them, strip their metadata and store them like any other
 * channel's. Telegram sends photos as JPEG.
 */
export function telegramPhotoKeeper(
  api: Api,
  fileUrl: (filePath: string) => string,
  attachments: AttachmentService,
  db: Sql,
  logger: Logger,
): PhotoKeeper {
  return {
    async keep(ticketId, photo) {
      try {
        const file = await api.getFile(photo.fileId);
        if (!file.file_path) throw new Error('Telegram gave no file path');
        if (file.file_size !== undefined && file.file_size > attachments.maxBytes) {
          throw new Error(`the photo has ${file.file_size} bytes, more than ${attachments.maxBytes}`);
        }
        const res = await fetch(fileUrl(file.file_path), {
          signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
        });
        if (!res.ok) throw new Error(`the download answered ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        const kept = await attachments.accept(bytes, 'image/jpeg', ticketId, {
          channel: 'telegram',
          uploadedByUserId: null,
          role: 'system',
        });
        await setPhotoAttachment(db, ticketId, photo.fileUniqueId, kept.id);
      } catch (err) {
        logger.warn({ err, ticketId, fileId: photo.fileId }, 'telegram photo not kept as an attachment');
      }
    },
  };
}
