import { z } from 'zod';

/** A name in the three languages every user-facing string comes in. */
export const LocalizedName = z.object({ ru: z.string(), kk: z.string(), en: z.string() });
export type LocalizedName = z.infer<typeof LocalizedName>;

/**
 * The languages residents are answered in (Open311, Telegram, messages, the status page), Russian
 * first as the centre works; the staff app's are the same three (web/src/lib/i18n).
 */
export const ResidentLocale = z.enum(['ru', 'kk', 'en']);
export type ResidentLocale = z.infer<typeof ResidentLocale>;

/** Reference-data ids are short kebab slugs ('astana-su', 'open-manhole'). */
export const Slug = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9-]+$/, 'must be a lowercase slug (a-z, 0-9, -)');

/**
 * PostgreSQL text cannot hold U+0000 (both drivers fail the whole statement): free text is checked
 * at the boundary so such input is a 400 naming the field, not a 500.
 */
export const hasNoNul = (s: string) => !s.includes('\u0000');
export const NO_NUL_MESSAGE = 'must not contain NUL characters';

/** Free text a person typed: trimmed, not empty, at most `max` characters, no NUL. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(hasNoNul, NO_NUL_MESSAGE);

/** A point's coordinates in degrees (WGS 84). */
export const Latitude = z.number().min(-90, 'must be ≥ -90').max(90, 'must be ≤ 90');
export const Longitude = z.number().min(-180, 'must be ≥ -180').max(180, 'must be ≤ 180');

/** Timestamps cross the wire as ISO-8601 strings in UTC. */
export const IsoTime = z.iso.datetime({ offset: true });

/** The error body of every 4xx/5xx answer. `fields` maps a dotted path to what is wrong there. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    currentState: z.string().optional(),
    currentVersion: z.number().int().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/** Acknowledgement of a Socket.IO command. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError['error'] };
