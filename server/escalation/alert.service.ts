import type { Db, Sql } from '../../db/client.ts';
import type { AppliedChange } from '../engine/ticket-engine.ts';
import { findAlert, listAlerts } from '../../db/queries/alerts.ts';
import { findTicketForUpdate, findTicketsByIds } from '../../db/queries/tickets.ts';
import { canSeeTicket, type Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type { Alert, AlertListQuery } from '../contracts/alert.contract.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { publishAlertChanges } from '../realtime/alert-publisher.ts';
import type { Realtime } from '../realtime/realtime.ts';
import { acknowledgerNames, toAlertDto } from './alert.mapper.ts';
import { acknowledgeLockedAlert } from './escalation-engine.ts';

/** Escalation alerts for people: listing what is live, and acknowledging. */
export class AlertService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly realtime: Realtime;
  private readonly logger: Logger;
  private readonly announce: ((tx: Sql, change: AppliedChange) => Promise<void>) | undefined;

  constructor(
    deps: { db: Db; clock: Clock; announce?: (tx: Sql, change: AppliedChange) => Promise<void> },
    realtime: Realtime,
    logger: Logger,
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.announce = deps.announce;
    this.realtime = realtime;
    this.logger = logger;
  }

  /** Alerts the viewer may see, newest first; live ones (open or acknowledged) unless asked otherwise. */
  async list(viewer: Viewer, q: AlertListQuery): Promise<Alert[]> {
    const alerts = await listAlerts(this.db, {
      statuses: q.status ?? ['open', 'acknowledged'],
      ticketId: q.ticketId ?? null,
      agencyId: viewer.role === 'agency' ? (viewer.agencyId ?? '') : null,
      limit: q.limit,
    });
    const names = await acknowledgerNames(this.db, alerts);
    const tickets = new Map(
      (await findTicketsByIds(this.db, [...new Set(alerts.map((a) => a.ticketId))])).map((t) => [t.id, t]),
    );
    return alerts.flatMap((a) => {
      const ticket = tickets.get(a.ticketId);
      return ticket ? [toAlertDto(a, ticket, names)] : [];
    });
  }

  /**
   * Acknowledges an open alert: its repeats stop and its ack timeout starts. Agency staff acknowledge
   * alerts about their agency's tickets or addressed to their agency; wall displays cannot.
   */
  async acknowledge(viewer: Viewer, alertId: number): Promise<Alert> {
    if (viewer.role === 'display') throw forbidden('A wall display cannot acknowledge alerts.');
    const { ticket, change } = await this.db.transaction(async (tx) => {
      const found = await findAlert(tx, alertId);
      if (!found) throw notFound(`Alert ${alertId}`);
      // The ticket first, then what hangs off it: the same lock order as every other writer.
      const ticket = await findTicketForUpdate(tx, found.ticketId);
      const alert = await findAlert(tx, alertId);
      if (!ticket || !alert) throw notFound(`Alert ${alertId}`);
      const addressedToViewer = viewer.role === 'agency' && alert.targetAgencyId === viewer.agencyId;
      if (!canSeeTicket(viewer, ticket.agencyId) && !addressedToViewer) throw notFound(`Alert ${alertId}`);
      if (alert.status !== 'open') {
        throw conflict(
          'alert_not_open',
          `Alert ${alertId} is ${alert.status}; only an open alert can be acknowledged.`,
          {
            currentState: alert.status,
          },
        );
      }
      const change = await acknowledgeLockedAlert(tx, ticket, alert, viewer.id, this.clock());
      await this.announce?.(tx, { ticket, events: [], alerts: [change] });
      return { ticket, change };
    });
    this.logger.info({ alertId, ticketId: ticket.id, by: viewer.id }, 'alert acknowledged');
    await publishAlertChanges(this.db, this.realtime, ticket, [change]);
    return toAlertDto(change.alert, ticket, new Map([[viewer.id, viewer.displayName]]));
  }
}
