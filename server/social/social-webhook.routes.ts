import express, { Router } from 'express';
import { z } from 'zod';
import { errorMiddleware } from '../http/error-middleware.ts';
import type { Logger } from '../logger.ts';
import { parse } from '../errors.ts';
import type { SocialService } from './social.service.ts';

const Source = z.object({
  source: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be a source name such as instagram'),
});

/**
 * /webhooks/social/:source: where connectors deliver posts. The body is read raw, because the
 * signature covers the exact bytes sent; 201 for a new post, 200 for one delivered before.
 */
export function socialWebhookRoutes(social: SocialService, logger: Logger): Router {
  const router = Router();
  router.post('/:source', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
    const { source } = parse(Source, req.params);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const { receipt, created } = await social.receive(
      source,
      body,
      req.get('x-komek-signature'),
      req.get('x-komek-timestamp'),
    );
    res.status(created ? 201 : 200).json(receipt);
  });
  router.use(errorMiddleware(logger));
  return router;
}
