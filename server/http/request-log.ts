import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

/** One structured log line per API request, written when the response finishes. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      logger.info(
        {
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          userId: req.user?.id,
        },
        'request',
      );
    });
    next();
  };
}
