import { z } from 'zod';
import { hasNoNul, IsoTime, NO_NUL_MESSAGE } from './common.contract.ts';
import { SessionUser } from './auth.contract.ts';

/** One view of a rotating wall: the whole city, one district, or one agency. */
export const DisplayView = z
  .string()
  .regex(
    /^(city|district:[a-z0-9-]{1,64}|agency:[a-z0-9-]{1,64})$/,
    'must be city, district:<id> or agency:<id>',
  );

/** What a screen shows: views in turn, each for `intervalSeconds` (one view: no rotation). */
export const DisplayRotation = z
  .object({
    rotate: z
      .array(DisplayView)
      .min(1, 'must name at least one view')
      .max(20, 'at most 20 views')
      .default(['city']),
    intervalSeconds: z.number().int().min(10, 'must be ≥ 10').max(3600, 'must be ≤ 3600').default(30),
  })
  .strict();
export type DisplayRotation = z.infer<typeof DisplayRotation>;

/** POST /api/display-tokens: a new wall screen. */
export const CreateDisplayToken = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .refine(hasNoNul, NO_NUL_MESSAGE),
    view: DisplayRotation.default({ rotate: ['city'], intervalSeconds: 30 }),
  })
  .strict();
export type CreateDisplayToken = z.infer<typeof CreateDisplayToken>;

/** A screen's token as listed (the token itself is shown only when created). */
export const DisplayToken = z.object({
  id: z.number().int(),
  label: z.string(),
  view: DisplayRotation,
  createdAt: IsoTime,
  lastUsedAt: IsoTime.nullable(),
  revokedAt: IsoTime.nullable(),
});
export type DisplayToken = z.infer<typeof DisplayToken>;

/** The answer to creating one: the only time the token and its URL are shown. */
export const IssuedDisplayToken = DisplayToken.extend({ token: z.string(), url: z.string() });
export type IssuedDisplayToken = z.infer<typeof IssuedDisplayToken>;

/** POST /api/auth/display: a screen trades its token for a session. */
export const DisplayLogin = z.object({ token: z.string().min(20).max(200) }).strict();
export type DisplayLogin = z.infer<typeof DisplayLogin>;

/** The session a screen gets, and what to show. */
export const DisplaySession = z.object({ user: SessionUser, view: DisplayRotation });
export type DisplaySession = z.infer<typeof DisplaySession>;
