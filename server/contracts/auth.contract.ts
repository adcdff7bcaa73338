import { z } from 'zod';
import { hasNoNul, NO_NUL_MESSAGE } from './common.contract.ts';

/** Who may do what: see server/auth/access.ts for the rules. */
export const ROLES = ['admin', 'supervisor', 'operator', 'agency', 'display'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'is required')
    .max(64, 'must be at most 64 characters')
    .refine(hasNoNul, NO_NUL_MESSAGE),
  password: z.string().min(1, 'is required').max(256, 'must be at most 256 characters'),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** The logged-in user as the web app sees it. */
export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  agencyId: z.string().nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** POST /api/users: an administrator creates an account. Agency staff are bound to exactly one agency. */
export const CreateUser = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{2,64}$/, 'must be 2-64 characters: a-z, 0-9, dot, dash, underscore'),
    displayName: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(200, 'must be at most 200 characters')
      .refine(hasNoNul, NO_NUL_MESSAGE),
    password: z.string().min(8, 'must be at least 8 characters').max(256, 'must be at most 256 characters'),
    role: Role,
    agencyId: z.string().trim().min(1).max(64).refine(hasNoNul, NO_NUL_MESSAGE).optional(),
  })
  .strict()
  .refine((u) => (u.role === 'agency') === (u.agencyId !== undefined), {
    message: 'is required for agency staff and only for them',
    path: ['agencyId'],
  });
export type CreateUser = z.infer<typeof CreateUser>;
