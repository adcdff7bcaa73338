import express, { type Express } from 'express';
import type { Db } from '../db/client.ts';
import { slaAdminRoutes } from './admin/sla-admin.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import type { SessionService } from './auth/session.service.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { attachmentRoutes } from './attachments/attachment.routes.ts';
import type { AttachmentService } from './attachments/attachment.service.ts';
import { alertRoutes } from './escalation/alert.routes.ts';
import type { AlertService } from './escalation/alert.service.ts';
import { displayTokenRoutes } from './displays/display.routes.ts';
import type { DisplayService } from './displays/display.service.ts';
import { knowledgeRoutes } from './knowledge/knowledge.routes.ts';
import type { WallFigures } from './kpi/wall-figures.ts';
import { kpiTrendRoutes } from './kpi/kpi-trend.routes.ts';
import { mapRoutes } from './map/map.routes.ts';
import { KnowledgeService } from './knowledge/knowledge.service.ts';
import { socialWebhookRoutes } from './social/social-webhook.routes.ts';
import { socialRoutes } from './social/social.routes.ts';
import type { SocialService } from './social/social.service.ts';
import { authenticate } from './http/authenticate.ts';
import { apiNotFound, errorMiddleware, requireJsonBody } from './http/error-middleware.ts';
import { healthRoutes } from './http/health.routes.ts';
import { idempotency } from './http/idempotency.ts';
import { wallPreload } from './http/wall-preload.ts';
import { requestLog } from './http/request-log.ts';
import type { Logger } from './logger.ts';
import { openApiRoutes } from './openapi/openapi.routes.ts';
import { placeRoutes } from './places/place.routes.ts';
import type { TelegramBot } from './telegram/telegram-bot.ts';
import { TELEGRAM_WEBHOOK_PATH } from './telegram/telegram-config.ts';
import { publicRoutes } from './public/public.routes.ts';
import { open311KeyRoutes } from './open311/open311-key.routes.ts';
import { open311Routes } from './open311/open311.routes.ts';
import { referenceRoutes } from './reference/reference.routes.ts';
import { ticketRoutes } from './tickets/ticket.routes.ts';
import type { TicketService } from './tickets/ticket.service.ts';
import { userRoutes } from './users/user.routes.ts';
import { UserService } from './users/user.service.ts';

/** Everything the HTTP API needs. */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  sessions: SessionService;
  tickets: TicketService;
  alerts: AlertService;
  social: SocialService;
  displays: DisplayService;
  attachments: AttachmentService;
  /** The wall's current KPIs and agency board, shared by every wall that loads. */
  figures: WallFigures;
  /** The Telegram bot when it is on; its webhook is mounted in webhook mode. */
  telegram?: TelegramBot | null;
}

/** The Express app with /healthz, /readyz and /api; the web app is mounted after it by the caller. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(healthRoutes(deps.db));
  app.use(wallPreload(deps.sessions));
  app.use('/open311/v2', open311Routes(deps));
  app.use('/webhooks/social', requestLog(deps.logger), socialWebhookRoutes(deps.social, deps.logger));
  const telegramWebhook = deps.telegram?.webhookRoutes();
  if (telegramWebhook) app.use(TELEGRAM_WEBHOOK_PATH, requestLog(deps.logger), telegramWebhook);

  const api = express.Router();
  api.use(requestLog(deps.logger));
  // Ahead of the JSON-only 64 kB parsing: residents' reports carry photos, uploads are raw files.
  api.use('/public', publicRoutes(deps));
  api.use(attachmentRoutes(deps));
  api.use(requireJsonBody);
  api.use(express.json({ limit: '64kb', strict: true }));
  api.use(authenticate(deps.sessions));
  api.use(idempotency(deps.db, deps.clock, deps.logger));
  api.use(openApiRoutes());
  api.use('/auth', authRoutes(deps.sessions, deps.displays, deps.config.cookieSecure));
  api.use('/display-tokens', displayTokenRoutes(deps.displays, deps.config.publicUrl));
  api.use('/kpis/trend', kpiTrendRoutes(deps.db, deps.clock));
  api.use(referenceRoutes(deps.db, deps.config, deps.clock, deps.figures));
  api.use('/tickets', ticketRoutes(deps.tickets));
  api.use('/map', mapRoutes(deps.db, deps.clock));
  api.use('/alerts', alertRoutes(deps.alerts));
  api.use('/social-posts', socialRoutes(deps.social));
  api.use('/knowledge', knowledgeRoutes(new KnowledgeService(deps)));
  api.use(placeRoutes(deps));
  api.use('/users', userRoutes(new UserService(deps.db)));
  api.use('/admin', slaAdminRoutes(deps));
  api.use('/open311-keys', open311KeyRoutes(deps));
  api.use(apiNotFound);
  api.use(errorMiddleware(deps.logger));
  app.use('/api', api);
  return app;
}
