import express, { Router } from 'express';
import type { Db } from '../../db/client.ts';
import type { AttachmentService } from '../attachments/attachment.service.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import {
  MAX_PUBLIC_PHOTOS,
  NearbyQuery,
  PublicReport,
  RegistrationNumberParams,
} from '../contracts/public.contract.ts';
import { parse } from '../errors.ts';
import { requireJsonBody } from '../http/error-middleware.ts';
import type { Logger } from '../logger.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { base64LengthFor } from './photo-data.ts';
import { fingerprintOf } from './public-idempotency.ts';
import { PublicReportService } from './public-report.service.ts';
import { PublicStatusService } from './public-status.service.ts';
import { rateLimit } from './rate-limit.ts';
import { SharedTokenBuckets } from './rate-limit-buckets.ts';

/** What the public doors need (a subset of the app's dependencies). */
export interface PublicRouteDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  tickets: TicketService;
  attachments: AttachmentService;
}

const HOUR_MS = 3_600_000;
// The form's text fields: far below this, as for the rest of the API.
const TEXT_BYTES = 64 * 1024;

/**
 * /api/public: the residents' doors, without a session. Mounted ahead of the API's 64 kB JSON
 * parser, because a report carries up to three photos as base64; the rate limit runs before the
 * body is read, so a flood costs no parsing.
 */
export function publicRoutes(deps: PublicRouteDeps): Router {
  const { config } = deps;
  const reports = new PublicReportService(deps);
  const status = new PublicStatusService({
    db: deps.db,
    clock: deps.clock,
    duplicateRadiusM: config.duplicateRadiusM,
    duplicateWindowMs: config.duplicateWindowMs,
  });
  // Kept in the database: every process behind the balancer counts against one limit, across restarts.
  const reportBuckets = new SharedTokenBuckets(deps, 'public-reports', {
    capacity: config.publicReportsPerHour,
    periodMs: HOUR_MS,
  });
  const router = Router();

  router.post(
    '/reports',
    rateLimit(reportBuckets, 'reports'),
    requireJsonBody,
    express.json({ limit: MAX_PUBLIC_PHOTOS * base64LengthFor(config.attachmentMaxBytes) + TEXT_BYTES }),
    async (req, res) => {
      const report = parse(PublicReport, req.body);
      const answer = await reports.file(report, req.get('idempotency-key'), fingerprintOf(req.body));
      if (answer.replayed) res.set('Idempotent-Replayed', 'true');
      res.status(answer.status).json(answer.body);
    },
  );

  router.get('/tickets/:registrationNumber', async (req, res) => {
    res.json(await status.status(parse(RegistrationNumberParams, req.params).registrationNumber));
  });

  router.get('/nearby', async (req, res) => {
    res.json(await status.nearby(parse(NearbyQuery, req.query)));
  });

  router.get('/categories', async (_req, res) => {
    res.json(await status.categories());
  });
  return router;
}
