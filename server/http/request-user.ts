import type { Request } from 'express';
import type { SessionUser } from '../contracts/auth.contract.ts';
import { unauthenticated } from '../errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authenticate middleware when the session cookie is valid. */
    user?: SessionUser;
  }
}

/** The logged-in user of this request, or a 401. */
export function requireUser(req: Request): SessionUser {
  if (!req.user) throw unauthenticated();
  return req.user;
}
