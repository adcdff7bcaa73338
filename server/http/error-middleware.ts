import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../errors.ts';
import type { Logger } from '../logger.ts';

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Errors body-parser raises, mapped to our codes: malformed or oversized input is the client's, never a 500. */
function fromParserError(err: HttpLikeError & Error): DomainError | null {
  const status = err.status ?? err.statusCode;
  if (!status || status >= 500 || !err.type) return null;
  switch (err.type) {
    case 'entity.parse.failed':
      return new DomainError(400, 'malformed_json', 'The request body is not valid JSON.', {
        _: 'is not valid JSON',
      });
    case 'entity.too.large':
      return new DomainError(413, 'payload_too_large', 'The request body is too large.', {
        _: 'is too large',
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError(415, 'unsupported_encoding', err.message);
    default:
      return new DomainError(status, 'bad_request', err.message);
  }
}

/** The one error handler: domain errors become `{ error: { code, message, fields } }`; anything else is a logged 500 without details. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const domain =
      err instanceof DomainError
        ? err
        : err instanceof Error
          ? fromParserError(err as HttpLikeError & Error)
          : null;
    if (domain) {
      res.status(domain.status).json({
        error: {
          code: domain.code,
          message: domain.message,
          ...(domain.fields && { fields: domain.fields }),
          ...domain.extra,
        },
      });
      return;
    }
    logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json({
      error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' },
    });
  };
}

/** JSON 404 for unknown API paths (the web app handles every other path). */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `No API route ${req.method} ${req.path}.` } });
};

/** Write requests under /api must send JSON; anything else is a 415 rather than a silently empty body. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  if (
    ['POST', 'PUT', 'PATCH'].includes(req.method) &&
    (hasBody || req.headers['transfer-encoding']) &&
    !req.is('application/json')
  ) {
    res.status(415).json({
      error: {
        code: 'unsupported_media_type',
        message: 'Send the body as application/json.',
        fields: { 'content-type': 'must be application/json' },
      },
    });
    return;
  }
  next();
};
