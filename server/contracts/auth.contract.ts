import { z } from 'zod';

/** Who may do what: see server/auth/access.ts for the rules. */
export const ROLES = ['admin', 'supervisor', 'operator', 'agency', 'display'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginBody = z.object({
  username: z.string().trim().toLowerCase().min(1, 'is required').max(64, 'must be at most 64 characters'),
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
