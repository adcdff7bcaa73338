import type { Sql } from '../../db/client.ts';
import type { DueTimer } from '../../db/queries/timers.ts';
import {
  lastEventSeq,
  listEventsBySeq,
  listEventsSince,
  listTicketEvents,
} from '../../db/queries/ticket-events.ts';
import { listTickets } from '../../db/queries/ticket-list.ts';
import { findTicket, findTicketsByIds, type TicketRecord } from '../../db/queries/tickets.ts';
import { findUserNames } from '../../db/queries/users.ts';
import { FINAL_TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import {
  canCreateTickets,
  canSeePersonalData,
  canSeeTicket,
  eventsAllowedFor,
  type Viewer,
} from '../auth/access.ts';
import { listTicketMessages } from '../../db/queries/outbox.ts';
import type { Delivery } from '../contracts/delivery.contract.ts';
import type { ResidentLocale } from '../contracts/common.contract.ts';
import { formatCityTime, textsIn } from '../i18n/resident-texts.ts';
import type { SyncResult } from '../contracts/realtime.contract.ts';
import type {
  Actor,
  CreateTicket,
  StatusEnquiry,
  StatusEnquiryResult,
  Ticket,
  TicketCommand,
  TicketListQuery,
  TicketPage,
  TicketWithHistory,
} from '../contracts/ticket.contract.ts';
import type { BulkTicketAnswer, BulkTicketCommand } from '../contracts/bulk-ticket.contract.ts';
import {
  applyTicketEvent,
  createTicket,
  fireTicketTimer,
  type AppliedChange,
  type CreateOptions,
  type EngineDeps,
} from '../engine/ticket-engine.ts';
import type { AfterCommit } from '../timers/timer-worker.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Realtime } from '../realtime/realtime.ts';
import { findAlertsByIds } from '../../db/queries/alerts.ts';
import { publishAlertChanges } from '../realtime/alert-publisher.ts';
import type { ChangeNotice } from '../realtime/change-notice.ts';
import {
  publishTicketChange,
  roomsForChange,
  toReplayChange,
  toTicketChange,
} from '../realtime/ticket-publisher.ts';
import { toEventDto, toTicketDto } from './ticket.mapper.ts';
import { applyBulk, checkBulkCommand } from './ticket-bulk.ts';
import { isMovedOn, withCurrentTicket } from './ticket-conflict.ts';
import { cursorAfter, listSortFor, ticketFilterFor } from './ticket-list-filter.ts';

/** The most changes one resync replays; a client further behind reloads its lists instead. */
export const SYNC_REPLAY_LIMIT = 1000;

/** Called after every committed change (the KPI broadcaster listens). */
export type ChangeListener = (change: AppliedChange) => void;

/** Tickets for people: access checks first, then the engine, then the push after commit. */
export class TicketService {
  private readonly deps: EngineDeps;
  private readonly realtime: Realtime;
  private readonly logger: Logger;
  private readonly listeners: ChangeListener[] = [];

  constructor(deps: EngineDeps, realtime: Realtime, logger: Logger) {
    this.deps = deps;
    this.realtime = realtime;
    this.logger = logger;
  }

  /** Registers a listener for committed changes. */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Registers a new appeal (and routes it when its category says where). */
  async create(viewer: Viewer | Actor, input: CreateTicket, options: CreateOptions = {}): Promise<Ticket> {
    const actor = toActor(viewer);
    if ('username' in viewer && !canCreateTickets(viewer))
      throw forbidden(`A ${viewer.role} user cannot register appeals.`);
    const change = await createTicket(this.deps, input, actor, options);
    await this.afterCommit(change);
    return toTicketDto(change.ticket, 'username' in viewer ? viewer : null);
  }

  /**
   * Applies one command to a ticket the viewer can see and may act on. A 409 because the ticket moved
   * on carries the ticket as it is now and who changed it (TicketConflict).
   */
  async command(viewer: Viewer | Actor, ticketId: number, command: TicketCommand): Promise<Ticket> {
    try {
      return await this.applyCommand(viewer, ticketId, command);
    } catch (err) {
      if ('username' in viewer && isMovedOn(err))
        throw await withCurrentTicket(this.deps.db, viewer, ticketId, err);
      throw err;
    }
  }

  /**
   * Applies one command to each of up to 200 tickets, each in its own transaction with the same checks
   * as `command`; answers every ticket's outcome (a bad body or a hold in the past refuses them all).
   */
  async bulk(viewer: Viewer, body: BulkTicketCommand): Promise<BulkTicketAnswer> {
    await checkBulkCommand(this.deps.db, body.command, this.deps.clock());
    return applyBulk(body, (id, command) => this.applyCommand(viewer, id, command), this.logger);
  }

  private async applyCommand(
    viewer: Viewer | Actor,
    ticketId: number,
    command: TicketCommand,
  ): Promise<Ticket> {
    const { expectedVersion, ...event } = command;
    const authorize =
      'username' in viewer
        ? (ticket: TicketRecord) => {
            if (!canSeeTicket(viewer, ticket.agencyId)) throw notFound(`Ticket ${ticketId}`);
            if (!eventsAllowedFor(viewer).includes(event.type)) {
              throw forbidden(`A ${viewer.role} user cannot send "${event.type}".`);
            }
          }
        : undefined;
    const change = await applyTicketEvent(this.deps, ticketId, event, toActor(viewer), {
      ...(expectedVersion !== undefined && { expectedVersion }),
      ...(authorize && { authorize }),
    });
    await this.afterCommit(change);
    return toTicketDto(change.ticket, 'username' in viewer ? viewer : null);
  }

  /**
   * Fires a durable timer inside the timer worker's transaction; the push waits for its commit.
   * A ticket that moved on ignores the timer (the worker then just drops the row).
   */
  async fireTimer(tx: Sql, timer: DueTimer): Promise<AfterCommit | void> {
    const change = await fireTicketTimer(tx, this.deps, timer);
    if (!change) return;
    return () => {
      this.afterCommit(change).catch((err: unknown) =>
        this.logger.error({ err, ticketId: change.ticket.id }, 'could not publish a timer change'),
      );
    };
  }

  /**
   * One page of tickets the viewer can see: newest first, or by nearest deadline (the agency's queue);
   * SLA states and the at-risk view are judged by the server's clock, which the page reports.
   */
  async list(viewer: Viewer, q: TicketListQuery): Promise<TicketPage> {
    const now = this.deps.clock();
    const sort = listSortFor(viewer, q);
    const lastSeq = await lastEventSeq(this.deps.db);
    const rows = await listTickets(this.deps.db, ticketFilterFor(viewer, q, now));
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((t) => toTicketDto(t, viewer)),
      nextCursor: rows.length > q.limit ? cursorAfter(page[page.length - 1]!, sort) : null,
      lastSeq,
      serverTime: now.toISOString(),
    };
  }

  /** One ticket with its whole event history. */
  async get(viewer: Viewer, ticketId: number): Promise<TicketWithHistory> {
    const ticket = await findTicket(this.deps.db, ticketId);
    if (!ticket || !canSeeTicket(viewer, ticket.agencyId)) throw notFound(`Ticket ${ticketId}`);
    const events = await listTicketEvents(this.deps.db, ticketId);
    const names = await findUserNames(this.deps.db, [
      ...new Set(events.map((e) => e.actor_user_id).filter((id): id is number => id !== null)),
    ]);
    return { ...toTicketDto(ticket, viewer), events: events.map((e) => toEventDto(e, names)) };
  }

  /**
   * Answers a caller's "what happened to my appeal?": the status, read from the ticket, and a new
   * status-enquiry appeal closed on first contact with that answer, so it counts toward the
   * first-contact rate.
   */
  async statusEnquiry(viewer: Viewer, ticketId: number, input: StatusEnquiry): Promise<StatusEnquiryResult> {
    if (!canCreateTickets(viewer)) throw forbidden(`A ${viewer.role} user cannot record enquiries.`);
    const about = await findTicket(this.deps.db, ticketId);
    if (!about) throw notFound(`Ticket ${ticketId}`);
    const answer = statusAnswer(about, input.locale, this.deps.cityTimeZone);
    const enquiry = await this.create(viewer, {
      categoryId: STATUS_ENQUIRY_CATEGORY,
      channel: input.channel,
      description: answer,
      ...(about.lat !== null && about.lon !== null ? { lat: about.lat, lon: about.lon } : {}),
      ...(about.address !== null ? { address: about.address } : {}),
      ...(about.districtId !== null ? { districtId: about.districtId } : {}),
      ...(input.reporterName && { reporterName: input.reporterName }),
      ...(input.reporterPhone && { reporterPhone: input.reporterPhone }),
      firstContactAnswer: answer,
    });
    return { about: toTicketDto(about, viewer), enquiry, answer };
  }

  /**
   * Records a kept file as the ticket's `ticket.attach` event, with the attachment's own record
   * written by `within` in the same transaction, and pushes the change.
   */
  async recordAttachment(
    ticketId: number,
    file: { sha256: string; mediaType: string; byteSize: number },
    actor: Actor,
    within: (tx: Sql) => Promise<void>,
  ): Promise<void> {
    const change = await applyTicketEvent(this.deps, ticketId, { type: 'ticket.attach', ...file }, actor, {
      within,
    });
    await this.afterCommit(change);
  }

  /** The messages sent to residents about a ticket, with how each delivery went. */
  async deliveries(viewer: Viewer, ticketId: number): Promise<Delivery[]> {
    const ticket = await findTicket(this.deps.db, ticketId);
    if (!ticket || !canSeeTicket(viewer, ticket.agencyId)) throw notFound(`Ticket ${ticketId}`);
    const personal = canSeePersonalData(viewer);
    return (await listTicketMessages(this.deps.db, ticketId)).map((m) => ({
      id: m.id,
      channel: m.channel,
      address: personal ? m.address : '•••',
      locale: m.locale,
      kind: m.kind,
      state: typeof m.payload.state === 'string' ? m.payload.state : null,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    }));
  }

  /** What a reconnecting client missed since `sinceSeq`, grouped per ticket in commit order. */
  async changesSince(viewer: Viewer, sinceSeq: number): Promise<SyncResult> {
    const agencyId = viewer.role === 'agency' ? (viewer.agencyId ?? '') : null;
    const rows = await listEventsSince(this.deps.db, sinceSeq, SYNC_REPLAY_LIMIT + 1, agencyId);
    const complete = rows.length <= SYNC_REPLAY_LIMIT;
    const replay = rows.slice(0, SYNC_REPLAY_LIMIT);
    const tickets = new Map(
      (await findTicketsByIds(this.deps.db, [...new Set(replay.map((e) => e.ticket_id))])).map((t) => [
        t.id,
        t,
      ]),
    );
    const byTicket = new Map<number, typeof replay>();
    for (const e of replay) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
    const changes = await Promise.all(
      [...byTicket.entries()]
        .filter(([id]) => tickets.has(id))
        .map(([id, events]) => toReplayChange(this.deps.db, tickets.get(id)!, events, agencyId)),
    );
    changes.sort((a, b) => a.seq - b.seq);
    return { changes, complete, lastSeq: replay.at(-1)?.seq ?? sinceSeq };
  }

  /**
   * Pushes a change another Komek process committed on the same database (it announced it with a
   * NOTIFY): the rows are read back and pushed to this process's sockets as if committed here.
   */
  async publishRemote(notice: ChangeNotice): Promise<void> {
    const { db } = this.deps;
    for (const entry of notice.tickets) {
      const [ticket] = await findTicketsByIds(db, [entry.id]);
      if (!ticket) continue;
      const alerts = new Map(
        (
          await findAlertsByIds(
            db,
            entry.alerts.map((a) => a.id),
          )
        ).map((a) => [a.id, a]),
      );
      await this.afterCommit(
        {
          ticket,
          events: await listEventsBySeq(db, entry.seqs),
          alerts: entry.alerts.flatMap((a) => {
            const alert = alerts.get(a.id);
            return alert ? [{ kind: a.kind, alert }] : [];
          }),
          previousAgencyId: entry.previousAgencyId,
        },
        { remote: true },
      );
    }
  }

  private async afterCommit(change: AppliedChange, options: { remote?: boolean } = {}): Promise<void> {
    const { ticket, events, alerts } = change;
    // The process that committed the change logs it; the others only push it.
    if (!options.remote) this.logChange(change);
    if (events.length > 0) {
      publishTicketChange(
        this.realtime,
        await toTicketChange(this.deps.db, ticket, events),
        roomsForChange(ticket, change.previousAgencyId ?? null),
      );
    }
    await publishAlertChanges(this.deps.db, this.realtime, ticket, alerts);
    for (const listener of this.listeners) listener(change);
    for (const related of change.related ?? []) await this.afterCommit(related, options);
  }

  private logChange({ ticket, events, alerts }: AppliedChange): void {
    for (const e of events) {
      this.logger.info(
        {
          ticketId: ticket.id,
          registrationNumber: ticket.registrationNumber,
          seq: e.seq,
          type: e.type,
          from: e.from_state,
          to: e.to_state,
          actorRole: e.actor_role,
        },
        'ticket event',
      );
    }
    for (const { kind, alert } of alerts) {
      this.logger.info(
        {
          ticketId: ticket.id,
          registrationNumber: ticket.registrationNumber,
          alertId: alert.id,
          kind,
          status: alert.status,
          level: alert.level,
          clock: alert.clock,
        },
        'alert',
      );
    }
  }
}

/** The category status enquiries are recorded under (Astana reference data). */
const STATUS_ENQUIRY_CATEGORY = 'status-enquiry';

/** What the operator reads out: the appeal's number, its state, and its expected date or outcome. */
function statusAnswer(t: TicketRecord, locale: ResidentLocale, timeZone: string): string {
  const texts = textsIn(locale);
  const parts = [`${t.registrationNumber ?? `#${t.id}`}: ${texts.states[t.state] ?? t.state}.`];
  if (t.state === 'resolved' && t.snapshot.context.resolution) parts.push(t.snapshot.context.resolution);
  else if (t.state === 'on_hold' && t.snapshot.context.holdReason) parts.push(t.snapshot.context.holdReason);
  else if (!isFinal(t.state) && t.resolveDueAt)
    parts.push(texts.notice(formatCityTime(t.resolveDueAt, locale, timeZone)));
  return parts.join(' ');
}

const isFinal = (s: string) => (FINAL_TICKET_STATES as readonly string[]).includes(s);

function toActor(viewer: Viewer | Actor): Actor {
  return 'username' in viewer ? { userId: viewer.id, role: viewer.role } : viewer;
}
