import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import {
  OPEN311_FORMATS,
  OPEN311_XML_ITEMS,
  type Open311Error,
  type Open311Format,
} from './open311.contract.ts';
import { ResidentLocale } from '../contracts/common.contract.ts';
import { toXml, type XmlValue } from './open311.xml.ts';

/** The largest POST body accepted, as for the rest of the API. */
export const OPEN311_BODY_LIMIT = '64kb';

const notFound = (description: string) => new DomainError(404, 'not_found', description);

/** `open-manhole.json` → name and format; an unknown or missing extension is a 404 (no such resource). */
export function splitResource(file: string): { name: string; format: Open311Format } {
  const dot = file.lastIndexOf('.');
  const format = file.slice(dot + 1);
  if (dot <= 0 || !isFormat(format)) throw notFound(`No resource "${file}": add .json or .xml.`);
  return { name: file.slice(0, dot), format };
}

/** The `:format` of a path such as `services.:format`, checked. */
export function formatParam(format: unknown): Open311Format {
  if (typeof format !== 'string' || !isFormat(format)) throw notFound('Ask for .json or .xml.');
  return format;
}

const isFormat = (s: string): s is Open311Format => (OPEN311_FORMATS as readonly string[]).includes(s);

/** The language of the answer, from Accept-Language; Russian when none of ours is asked for. */
export function languageOf(req: Request, res: Response): ResidentLocale {
  const lang = (req.acceptsLanguages(...ResidentLocale.options) || 'ru') as ResidentLocale;
  res.vary('Accept-Language');
  res.set('Content-Language', lang);
  return lang;
}

/** Sends `body` as JSON, or as XML under `root` with the spec's item names. */
export function sendOpen311(
  res: Response,
  format: Open311Format,
  status: number,
  root: string,
  body: XmlValue,
): void {
  res.status(status);
  if (format === 'xml') res.type('text/xml; charset=utf-8').send(toXml(root, body, OPEN311_XML_ITEMS));
  else res.json(body);
}

/**
 * POST bodies must be form-encoded, as the spec says, or JSON; anything else is refused rather
 * than read as an empty body (which would then fail for a misleading reason).
 */
export const requireFormOrJson: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  if ((hasBody || req.headers['transfer-encoding']) && !req.is(['urlencoded', 'json'])) {
    throw new DomainError(400, 'unsupported_media_type', 'unsupported content type', {
      'content-type': 'must be application/x-www-form-urlencoded or application/json',
    });
  }
  next();
};

/** Known paths answer other methods with a 400 naming the allowed ones (the spec's "any other error"). */
export function methodNotAllowed(allowed: string): RequestHandler {
  return (req, res) => {
    res.set('Allow', allowed);
    throw new DomainError(400, 'method_not_allowed', `${req.method} is not supported here; use ${allowed}.`);
  };
}

/** Unknown paths under /open311/v2: a 404 in the spec's error format, not the web app's page. */
export const open311NotFound: RequestHandler = (req) => {
  throw notFound(`No Open311 resource ${req.method} ${req.path}.`);
};

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
}

/** Errors the body parsers raise: the client's fault, never a 500. */
function fromParserError(err: HttpLikeError & Error): DomainError | null {
  const status = err.status ?? err.statusCode;
  if (!status || status >= 500 || !err.type) return null;
  const fail = (s: number, field: string, message: string) =>
    new DomainError(s, 'bad_request', message, { [field]: message });
  switch (err.type) {
    case 'entity.parse.failed':
      return fail(400, 'body', 'is not valid JSON');
    case 'entity.too.large':
      return fail(413, 'body', `is too large (at most ${OPEN311_BODY_LIMIT})`);
    case 'parameters.too.many':
      return fail(413, 'body', 'has too many parameters');
    case 'charset.unsupported':
      return fail(400, 'content-type', 'must use the utf-8 charset');
    case 'encoding.unsupported':
      return fail(400, 'content-encoding', 'is not supported');
    default:
      return fail(400, 'body', err.message);
  }
}

// GeoReport answers 400, 403, 404 (and 413 for an oversized body); other client errors become a 400.
const specStatus = (status: number) => ([400, 403, 404, 413].includes(status) ? status : 400);

/** `[{ code, description }]`: each named field its own entry, as in the spec ("the response is an array"). */
function toErrors(err: DomainError, status: number): Open311Error[] {
  const fields = Object.entries(err.fields ?? {});
  if (!fields.length) return [{ code: status, description: err.message }];
  return fields.map(([field, message]) => ({ code: status, description: `${field}: ${message}` }));
}

/** The format an error is written in: the one the path asked for, JSON when it asked for none. */
const errorFormat = (req: Request): Open311Format => (/\.xml$/i.test(req.path) ? 'xml' : 'json');

/** The Open311 error handler: the spec's `errors` list in the asked format; anything unexpected is a logged 500. */
export function open311ErrorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const domain =
      err instanceof DomainError
        ? err
        : err instanceof Error
          ? fromParserError(err as HttpLikeError & Error)
          : null;
    if (domain) {
      const status = specStatus(domain.status);
      sendOpen311(res, errorFormat(req), status, 'errors', toErrors(domain, status));
      return;
    }
    logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    sendOpen311(res, errorFormat(req), 500, 'errors', [
      { code: 500, description: 'Something went wrong on the server; it has been logged.' },
    ]);
  };
}
