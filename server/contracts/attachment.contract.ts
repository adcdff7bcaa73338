import { z } from 'zod';
import { ATTACHMENT_CHANNELS } from '../../db/queries/attachments.ts';
import { IsoTime } from './common.contract.ts';

/** Media types staff may upload (as the raw body's Content-Type); the content must be what it says. */
export const UPLOAD_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** Media types residents may send as photos. */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** How an attachment arrived: a staff console, or one of the residents' channels. */
export const AttachmentChannel = z.enum(ATTACHMENT_CHANNELS);

/** A stored attachment as staff see it; `url` serves the bytes. */
export const Attachment = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  mediaType: z.enum(UPLOAD_MEDIA_TYPES),
  /** The size as stored, after metadata was removed. */
  byteSize: z.number().int(),
  originalName: z.string().nullable(),
  /** The staff member who uploaded it; null for a resident's photo or an integration's. */
  uploadedByUserId: z.number().int().nullable(),
  channel: AttachmentChannel,
  createdAt: IsoTime,
  url: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentList = z.object({ items: z.array(Attachment) });
export type AttachmentList = z.infer<typeof AttachmentList>;

/** POST /api/tickets/:id/attachments?name=…: the file's name, optional (a raw body carries none). */
export const AttachmentUploadQuery = z
  .object({ name: z.string().max(1000, 'must be at most 1000 characters').optional() })
  .strict();
export type AttachmentUploadQuery = z.infer<typeof AttachmentUploadQuery>;

/** An id in a path: a ticket's or an attachment's. */
export const IdParams = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(2_147_483_647, 'is too large'),
});
