import { Router, type Response } from 'express';
import { LoginBody } from '../contracts/auth.contract.ts';
import { DisplayLogin } from '../contracts/display.contract.ts';
import type { DisplayService } from '../displays/display.service.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import type { SessionService } from './session.service.ts';

/** Login, logout and "who am I". */
export function authRoutes(
  sessions: SessionService,
  displays: DisplayService,
  cookieSecure: boolean,
): Router {
  const router = Router();
  const setCookie = (res: Response, token: string, expires: Date) =>
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieSecure,
      path: '/',
      expires,
    });

  router.post('/login', async (req, res) => {
    const { token, user, expiresAt } = await sessions.login(parse(LoginBody, req.body));
    setCookie(res, token, expiresAt);
    res.json({ user });
  });

  // A wall screen opens /wallboard?display=<token>; the page trades the token for a session here.
  router.post('/display', async (req, res) => {
    const { session, display } = await displays.login(parse(DisplayLogin, req.body).token);
    setCookie(res, session.token, session.expiresAt);
    res.json(display);
  });

  router.post('/logout', async (req, res) => {
    await sessions.logout(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    res.json({ user: requireUser(req) });
  });
  return router;
}
