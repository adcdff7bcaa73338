import { z } from 'zod';
import { IsoTime, Latitude, Longitude, Slug, Text } from './common.contract.ts';
import { Priority } from './reference.contract.ts';

export const SocialPostKind = z.enum(['mention', 'channel', 'direct']);
export const SocialPostStatus = z.enum(['new', 'converted', 'dismissed']);

/**
 * What a connector POSTs to /webhooks/social/:source for one post (a #astana109 mention, a channel
 * message, a direct message). Fields a connector adds beyond these are kept in the stored original.
 */
export const SocialPostDelivery = z.object({
  externalId: Text(200),
  kind: SocialPostKind,
  author: z.object({ handle: Text(100).optional(), name: Text(200).optional() }).optional(),
  text: Text(4000),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2000)
    .optional(),
  postedAt: IsoTime,
  location: z.object({ lat: Latitude, lon: Longitude }).optional(),
});
export type SocialPostDelivery = z.infer<typeof SocialPostDelivery>;

/** A post in the triage queue, as operators see it. */
export const SocialPost = z.object({
  id: z.number().int(),
  source: z.string(),
  externalId: z.string(),
  kind: SocialPostKind,
  authorHandle: z.string().nullable(),
  authorName: z.string().nullable(),
  text: z.string(),
  url: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  postedAt: IsoTime,
  receivedAt: IsoTime,
  status: SocialPostStatus,
  ticketId: z.number().int().nullable(),
  dismissReason: z.string().nullable(),
  handledBy: z.number().int().nullable(),
  handledAt: IsoTime.nullable(),
});
export type SocialPost = z.infer<typeof SocialPost>;

/** GET /api/social-posts: the triage queue (new posts, oldest first) unless another status is asked for. */
export const SocialPostListQuery = z
  .object({
    status: SocialPostStatus.default('new'),
    limit: z.coerce.number().int().min(1, 'must be ≥ 1').max(500, 'must be ≤ 500').default(100),
  })
  .strict();
export type SocialPostListQuery = z.infer<typeof SocialPostListQuery>;

/** POST /api/social-posts/:id/convert: what the operator adds to make the post an appeal. */
export const ConvertSocialPost = z
  .object({
    categoryId: Slug,
    /** Defaults to the post's text. */
    description: Text(4000).optional(),
    lat: Latitude.optional(),
    lon: Longitude.optional(),
    address: Text(300).optional(),
    districtId: Slug.optional(),
    priority: Priority.optional(),
  })
  .strict()
  .refine((t) => (t.lat === undefined) === (t.lon === undefined), {
    message: 'lat and lon come together',
    path: ['lon'],
  });
export type ConvertSocialPost = z.infer<typeof ConvertSocialPost>;

/** POST /api/social-posts/:id/dismiss: why the post is no appeal (the author is told). */
export const DismissSocialPost = z.object({ reason: Text(500) }).strict();
export type DismissSocialPost = z.infer<typeof DismissSocialPost>;

/** The answer to a connector's delivery. */
export const SocialDeliveryReceipt = z.object({ id: z.number().int(), duplicate: z.boolean() });
export type SocialDeliveryReceipt = z.infer<typeof SocialDeliveryReceipt>;
