import type { Attachment } from '#contracts/attachment.contract.ts';
import { ApiError, asApiError } from '../api.ts';

/** Media types a console may upload as a ticket's photo (the server's UPLOAD_MEDIA_TYPES images). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * Uploads a file to a ticket (POST /api/tickets/:id/attachments, the raw file as the body with its
 * media type): the server records it as the ticket's `ticket.attach` event.
 */
export async function uploadAttachment(ticketId: number, file: File): Promise<Attachment> {
  let response: Response;
  try {
    response = await fetch(`/api/tickets/${ticketId}/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch (err) {
    throw asApiError(err);
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as Attachment;
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: ConstructorParameters<typeof ApiError>[1] }).error
      : { code: `http_${response.status}`, message: response.statusText };
  throw new ApiError(response.status, error);
}
