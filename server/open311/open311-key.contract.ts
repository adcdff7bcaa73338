import { z } from 'zod';
import { hasNoNul, IsoTime, NO_NUL_MESSAGE } from '../contracts/common.contract.ts';

/** POST /api/open311-keys: what the key is for, so it can be recognised and revoked later. */
export const CreateOpen311Key = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .refine(hasNoNul, NO_NUL_MESSAGE),
  })
  .strict();
export type CreateOpen311Key = z.infer<typeof CreateOpen311Key>;

/** An issued key as listed: never the key itself, which is stored only as a hash. */
export const Open311Key = z.object({
  id: z.number().int(),
  label: z.string(),
  createdAt: IsoTime,
  revokedAt: IsoTime.nullable(),
});
export type Open311Key = z.infer<typeof Open311Key>;

/** The answer to issuing a key: the only time the plain key is shown. */
export const IssuedOpen311Key = Open311Key.extend({ key: z.string() });
export type IssuedOpen311Key = z.infer<typeof IssuedOpen311Key>;

/** The `:id` of /api/open311-keys/:id. */
export const Open311KeyId = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(2_147_483_647, 'is too large'),
});
