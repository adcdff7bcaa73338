import { pipeline } from 'node:stream/promises';
import express, { Router, type RequestHandler } from 'express';
import type { Db } from '../../db/client.ts';
import type { SessionService } from '../auth/session.service.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { AttachmentUploadQuery, IdParams, UPLOAD_MEDIA_TYPES } from '../contracts/attachment.contract.ts';
import { DomainError, parse } from '../errors.ts';
import { authenticate } from '../http/authenticate.ts';
import { requireUser } from '../http/request-user.ts';
import type { Logger } from '../logger.ts';
import { normaliseMediaType } from './attachment-checks.ts';
import { inlineDisposition } from './attachment.mapper.ts';
import type { AttachmentService } from './attachment.service.ts';

/** What the attachment routes need (a subset of the app's dependencies). */
export interface AttachmentRouteDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  sessions: SessionService;
  attachments: AttachmentService;
}

// Attachments never change (a new upload is a new id), so a browser may keep one as long as it likes.
const IMMUTABLE_PRIVATE = 'private, max-age=31536000, immutable';

/** Before a byte of the body is read: a session (401), a ticket id (400) and a Content-Type we store (415). */
const requireUploadType: RequestHandler = (req, _res, next) => {
  requireUser(req);
  parse(IdParams, req.params);
  const declared = req.get('content-type');
  const type = declared === undefined ? undefined : normaliseMediaType(declared);
  if (!type || !(UPLOAD_MEDIA_TYPES as readonly string[]).includes(type)) {
    throw new DomainError(
      415,
      'unsupported_media_type',
      'Send the file itself as the body, with its media type.',
      {
        'content-type': `must be ${UPLOAD_MEDIA_TYPES.join(', ')}`,
      },
    );
  }
  next();
};

/** The raw body up to the size limit; a larger one is a 413 naming the body and the limit. */
function rawBody(maxBytes: number): RequestHandler {
  const raw = express.raw({ type: () => true, limit: maxBytes });
  return (req, res, next) => {
    raw(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
        next(
          new DomainError(413, 'payload_too_large', 'The file is too large.', {
            body: `must be at most ${maxBytes} bytes`,
          }),
        );
        return;
      }
      next(err);
    });
  };
}

/**
 * Attachments of tickets: upload (the raw file as the body; mounted ahead of the API's JSON-only
 * body parsing, so it authenticates here), list, and fetch the bytes.
 */
export function attachmentRoutes(deps: AttachmentRouteDeps): Router {
  const { attachments } = deps;
  const router = Router();
  const session = authenticate(deps.sessions);

  router.post(
    '/tickets/:id/attachments',
    session,
    requireUploadType,
    rawBody(deps.config.attachmentMaxBytes),
    async (req, res) => {
      const { id } = parse(IdParams, req.params);
      const { name } = parse(AttachmentUploadQuery, req.query);
      const bytes: Uint8Array = Buffer.isBuffer(req.body) ? req.body : new Uint8Array();
      const created = await attachments.upload(
        requireUser(req),
        id,
        bytes,
        req.get('content-type') ?? '',
        name,
      );
      res.status(201).location(created.url).json(created);
    },
  );

  router.get('/tickets/:id/attachments', session, async (req, res) => {
    res.json(await attachments.list(requireUser(req), parse(IdParams, req.params).id));
  });

  router.get('/attachments/:id', session, async (req, res) => {
    const opened = await attachments.open(requireUser(req), parse(IdParams, req.params).id);
    const a = opened.attachment;
    res.set({
      'Content-Type': a.mediaType,
      'Content-Disposition': inlineDisposition(a),
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': IMMUTABLE_PRIVATE,
      ETag: `"${a.sha256}"`,
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.set('Content-Length', String(a.byteSize));
    try {
      await pipeline(await opened.content(), res);
    } catch (err) {
      if (!res.headersSent) throw err;
      // The client went away mid-download, or the disk failed after the headers: nothing left to answer.
      deps.logger.warn({ err, attachmentId: a.id }, 'attachment download interrupted');
    }
  });
  return router;
}
