import express, { Router, type Request } from 'express';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { requestLog } from '../http/request-log.ts';
import type { Logger } from '../logger.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { Open311CommonQuery, Open311RequestsQuery, parseParams } from './open311.contract.ts';
import {
  formatParam,
  languageOf,
  methodNotAllowed,
  OPEN311_BODY_LIMIT,
  open311ErrorMiddleware,
  open311NotFound,
  requireFormOrJson,
  sendOpen311,
  splitResource,
} from './open311.http.ts';
import { Open311KeyService } from './open311-key.service.ts';
import { Open311Service } from './open311.service.ts';

/** What the Open311 endpoint needs (a subset of the app's dependencies). */
export interface Open311Deps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  tickets: TicketService;
}

const jurisdictionOf = (req: Request) => parseParams(Open311CommonQuery, req.query).jurisdiction_id;

/**
 * GeoReport v2 at /open311/v2: discovery, services, service definitions, requests (GET and POST),
 * one request, tokens; each as .json or .xml. Mounted outside /api: it takes form-encoded bodies
 * and answers errors in the spec's own format.
 */
export function open311Routes(deps: Open311Deps): Router {
  const keys = new Open311KeyService(deps.db, deps.clock, deps.config.open311ApiKeys);
  const open311 = new Open311Service(deps.db, deps.clock, deps.config.cityTimeZone, deps.tickets, keys);
  const router = Router();
  router.use(requestLog(deps.logger));

  router.get('/discovery.:format', (req, res) => {
    const format = formatParam(req.params.format);
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
    sendOpen311(res, format, 200, 'discovery', open311.discovery(url, languageOf(req, res)));
  });

  router.get('/services.:format', async (req, res) => {
    const format = formatParam(req.params.format);
    open311.checkJurisdiction(jurisdictionOf(req));
    sendOpen311(res, format, 200, 'services', await open311.services(languageOf(req, res)));
  });

  router.get('/services/:file', async (req, res) => {
    const { name, format } = splitResource(req.params.file);
    open311.checkJurisdiction(jurisdictionOf(req));
    sendOpen311(res, format, 200, 'service_definition', await open311.serviceDefinition(name));
  });

  router.get('/requests.:format', async (req, res) => {
    const format = formatParam(req.params.format);
    const query = parseParams(Open311RequestsQuery, req.query);
    open311.checkJurisdiction(query.jurisdiction_id);
    const page = await open311.requests(query, languageOf(req, res));
    if (page.hasMore) {
      const next = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
      next.searchParams.set('page', String(query.page + 1));
      res.set('Link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    sendOpen311(res, format, 200, 'service_requests', page.items);
  });

  router.post(
    '/requests.:format',
    requireFormOrJson,
    express.urlencoded({ extended: false, limit: OPEN311_BODY_LIMIT }),
    express.json({ limit: OPEN311_BODY_LIMIT }),
    async (req, res) => {
      const format = formatParam(req.params.format);
      const body: unknown = req.body ?? {};
      const apiKey = isRecord(body) && body.api_key !== undefined ? body.api_key : req.query.api_key;
      const created = await open311.create(apiKey, body, languageOf(req, res));
      sendOpen311(res, format, 201, 'service_requests', created);
    },
  );

  router.get('/requests/:file', async (req, res) => {
    const { name, format } = splitResource(req.params.file);
    const query = parseParams(
      Open311RequestsQuery.pick({ jurisdiction_id: true, extensions: true }),
      req.query,
    );
    open311.checkJurisdiction(query.jurisdiction_id);
    const items = await open311.request(name, languageOf(req, res), query.extensions);
    sendOpen311(res, format, 200, 'service_requests', items);
  });

  router.get('/tokens/:file', async (req, res) => {
    const { name, format } = splitResource(req.params.file);
    open311.checkJurisdiction(jurisdictionOf(req));
    sendOpen311(res, format, 200, 'service_requests', await open311.token(name));
  });

  router.all(
    ['/discovery.:format', '/services.:format', '/services/:file', '/requests/:file', '/tokens/:file'],
    methodNotAllowed('GET'),
  );
  router.all('/requests.:format', methodNotAllowed('GET, POST'));
  router.use(open311NotFound);
  router.use(open311ErrorMiddleware(deps.logger));
  return router;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
