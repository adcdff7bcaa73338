import type { RequestHandler } from 'express';
import { readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import type { SessionService } from '../auth/session.service.ts';
import { MAP_SNAPSHOT_BINARY_FORMAT } from '../../web/src/lib/map/map-snapshot-binary.ts';

/**
 * The wall's first requests, named in its page's `Link` header so the browser sends them while the
 * app is still loading: the wall's data is then on its way, or there, by the time the page asks for
 * it (the page itself is a static shell; the app would otherwise ask half a second later). Only for
 * a signed-in user opening `/wallboard`; agency staff's map is their agency's.
 */
export function wallPreload(sessions: SessionService): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'GET' || req.path !== '/wallboard' || req.query.display !== undefined) return next();
    const user = await sessions.userForToken(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (user) res.setHeader('Link', wallPreloadLinks(user));
    next();
  };
}

/** The `Link` header for `user`'s wall: the same URLs the app fetches first, as fetch preloads. */
export function wallPreloadLinks(user: { role: string; agencyId: string | null }): string {
  const map =
    user.role === 'agency' && user.agencyId
      ? `/api/map/open-tickets?agencyId=${encodeURIComponent(user.agencyId)}&format=${MAP_SNAPSHOT_BINARY_FORMAT}`
      : `/api/map/open-tickets?format=${MAP_SNAPSHOT_BINARY_FORMAT}`;
  return ['/api/auth/me', '/api/reference', '/api/settings', map, '/api/kpis']
    .map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`)
    .join(', ');
}
