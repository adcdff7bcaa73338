import type { RequestHandler } from 'express';
import { readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import type { SessionService } from '../auth/session.service.ts';
import './request-user.ts';

/** Resolves the session cookie to `req.user` (or leaves it unset); routes decide whether a user is required. */
export function authenticate(sessions: SessionService): RequestHandler {
  return async (req, _res, next) => {
    const user = await sessions.userForToken(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (user) req.user = user;
    next();
  };
}
