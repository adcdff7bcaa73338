import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { connectPostgres, openPglite, type Db, type Sql } from '../db/client.ts';
import type { AppliedChange } from './engine/ticket-engine.ts';
import { announceChange, noticeOf } from './realtime/change-notice.ts';
import { ChangeRelay } from './realtime/change-relay.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp } from './app.ts';
import { ensureAdminUser } from './auth/bootstrap-admin.ts';
import { SessionService } from './auth/session.service.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { mountWebApp } from './http/web-app.ts';
import { KpiBroadcaster } from './kpi/kpi.service.ts';
import { wallFigures } from './kpi/wall-figures.ts';
import { KpiSampler } from './kpi/kpi-sampler.ts';
import type { Logger } from './logger.ts';
import { createSocketServer, type KomekIo } from './realtime/socket-server.ts';
import { Simulator } from './simulator/simulator.ts';
import { AlertService } from './escalation/alert.service.ts';
import { SocialService } from './social/social.service.ts';
import { DisplayService } from './displays/display.service.ts';
import { alertSocketHandlers } from './escalation/alert.socket.ts';
import { ticketSocketHandlers } from './tickets/ticket.socket.ts';
import { TicketService } from './tickets/ticket.service.ts';
import { TimerWorker } from './timers/timer-worker.ts';
import { OutboxWorker } from './notifications/outbox-worker.ts';
import { logTransport } from './notifications/transport.ts';
import { TelegramBot } from './telegram/telegram-bot.ts';
import { AttachmentService } from './attachments/attachment.service.ts';
import { openAttachmentStore } from './attachments/configured-store.ts';

/** A running Komek: its address and the parts tests reach into. */
export interface RunningKomek {
  url: string;
  port: number;
  db: Db;
  io: KomekIo;
  httpServer: HttpServer;
  tickets: TicketService;
  timers: TimerWorker;
  outbox: OutboxWorker;
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  /** Serve the web app through Vite's dev server instead of build/. */
  dev?: boolean;
  /** Skip mounting the web app (API-only tests). */
  web?: boolean;
  /** An already-open database (tests); otherwise opened from the config. */
  db?: Db;
}

/** Opens the database named by the config: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export async function openDatabase(config: Config): Promise<Db> {
  return config.databaseUrl
    ? connectPostgres(config.databaseUrl)
    : openPglite(join(config.dataDir, 'pglite'));
}

/** Starts the whole server: database and migrations, HTTP API, Socket.IO, web app and simulator. */
export async function startKomek(config: Config, options: StartOptions): Promise<RunningKomek> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  // An S3 bucket that cannot be used stops the start here, before anything else is opened.
  const attachmentStore = await openAttachmentStore(config);
  const db = options.db ?? (await openDatabase(config));
  const applied = await migrate(db);
  if (applied.length) logger.info({ applied, database: db.kind }, 'migrations applied');
  await ensureAdminUser(db, config.adminPassword, logger);

  const sessions = new SessionService(db, clock);
  // Socket.IO takes /socket.io/ requests ahead of any 'request' listener registered before it, so the
  // Express app is that listener; it is built below, once the services it serves exist.
  let app: ReturnType<typeof buildApp> | null = null;
  const httpServer = createServer((req, res) => {
    if (app) app(req, res);
    else res.writeHead(503).end();
  });
  // Idle keep-alive connections stay open longer than clients and proxies keep theirs (Node's 5 s is
  // shorter than most), so a client never sends a request on a socket the server is closing.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const { io, realtime, addHandlers } = createSocketServer(httpServer, sessions, logger);
  // Every transaction announces what it changed, so other processes on this database push it too.
  const origin = randomUUID();
  const announce = (tx: Sql, change: AppliedChange) => announceChange(tx, noticeOf(origin, change));
  const tickets = new TicketService(
    {
      db,
      clock,
      cityTimeZone: config.cityTimeZone,
      reopenWindowMs: config.reopenWindowMs,
      registrationFormat: config.registrationFormat,
      announce,
    },
    realtime,
    logger,
  );
  const relay = new ChangeRelay(db, origin, (notice) => tickets.publishRemote(notice), logger);
  await relay.start();
  addHandlers(ticketSocketHandlers(tickets, logger));
  const alerts = new AlertService({ db, clock, announce }, realtime, logger);
  addHandlers(alertSocketHandlers(alerts, logger));

  const figures = wallFigures(db, clock, config);
  const kpis = new KpiBroadcaster(
    () => figures.kpis.current(),
    realtime,
    logger,
    1000,
    () => figures.kpis.lastComputeMs,
  );
  tickets.onChange(() => {
    figures.invalidate();
    kpis.notify();
  });
  // The first wall to load should not wait for the count; the first sample takes these figures.
  const kpiSampler = new KpiSampler(db, () => figures.kpis.current(), clock, logger);
  kpiSampler.start();
  // Time alone moves overdue counts: push fresh figures every 15 s even when nothing changes, which
  // also keeps the shared snapshot warm for walls that load.
  const kpiTick = setInterval(() => kpis.notify(), 15_000);
  kpiTick.unref();
  // Timers the machine scheduled fire from the database, so a restart loses none; a change may
  // have scheduled one sooner than the worker's next wake-up.
  // Small batches: each firing takes the event-log lock until its batch commits, and API writes
  // should not wait behind a long catch-up burst.
  const timers = new TimerWorker(db, (tx, timer) => tickets.fireTimer(tx, timer), logger, clock, {
    batchSize: 20,
  });
  tickets.onChange(() => timers.poke());

  const social = new SocialService(
    { db, clock, secrets: config.socialWebhookSecrets, tickets },
    realtime,
    logger,
  );
  // Photos and files from every channel: one service, each file recorded as its ticket's event.
  const attachments = new AttachmentService({
    db,
    tickets,
    store: attachmentStore,
    clock,
    maxBytes: config.attachmentMaxBytes,
  });
  const telegram =
    config.telegram && new TelegramBot(config.telegram, { db, clock, tickets, logger, attachments });
  const displays = new DisplayService({ db, clock, sessions }, realtime, logger);
  const express = buildApp({
    config,
    db,
    clock,
    logger,
    sessions,
    tickets,
    alerts,
    social,
    displays,
    attachments,
    telegram,
    figures,
  });
  const stopWeb =
    options.web === false
      ? async () => {}
      : await mountWebApp(express, httpServer, options.dev ?? false, logger);
  app = express;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;

  timers.start();
  // Messages to residents: written with the events that cause them, delivered from here.
  const outbox = new OutboxWorker(
    db,
    [
      logTransport('email', logger),
      logTransport('sms', logger),
      logTransport('connector', logger),
      ...(telegram ? [telegram.transport] : []),
    ],
    { publicUrl: config.publicUrl ?? url, timeZone: config.cityTimeZone },
    logger,
    clock,
  );
  tickets.onChange(() => outbox.poke());
  outbox.start();
  await telegram?.start({ publicUrl: config.publicUrl ?? url, timeZone: config.cityTimeZone });
  const simulator = config.simulator
    ? new Simulator(db, tickets, config.simulatorRatePerMinute, logger)
    : null;
  await simulator?.start();
  logger.info({ url, database: db.kind, simulator: config.simulator }, 'Komek is running');

  return {
    url,
    port,
    db,
    io,
    httpServer,
    tickets,
    timers,
    outbox,
    async close() {
      await telegram?.stop();
      await simulator?.stop();
      await timers.stop();
      await outbox.stop();
      await relay.stop();
      kpis.stop();
      clearInterval(kpiTick);
      kpiSampler.stop();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      httpServer.closeAllConnections();
      await stopWeb();
      if (!options.db) await db.close();
    },
  };
}
