import { z } from 'zod';
import type { Db, Sql } from '../../db/client.ts';
import { findCategory, findDistrict } from '../../db/queries/reference.ts';
import { cancelTicketTimers, cancelTimer, scheduleTimers, type DueTimer } from '../../db/queries/timers.ts';
import { insertTicketEvents, lockEventLog, type TicketEventRow } from '../../db/queries/ticket-events.ts';
import {
  findTicketForUpdate,
  insertTicket,
  updateTicketAfterEvent,
  type TicketRecord,
} from '../../db/queries/tickets.ts';
import {
  isTimerEventType,
  startTicket,
  stepTicket,
  type TimerChanges,
} from '../../workflows/ticket/ticket.transition.ts';
import {
  FINAL_TICKET_STATES,
  type TicketEvent,
  type TicketTimerEvent,
} from '../../workflows/ticket/ticket.types.ts';
import type { Clock } from '../clock.ts';
import type { Actor, CreateTicket } from '../contracts/ticket.contract.ts';
import { conflict, notFound, unknownReference } from '../errors.ts';
import { routeTicket } from './routing.ts';
import { followUpsOf, lockForMerge } from './incident-merge.ts';
import { termsFor } from './sla-step.ts';
import { requireInCity } from '../geo/city-bounds.ts';
import { insertSubscribers, type TicketSubscriber } from '../../db/queries/outbox.ts';
import { queueResidentNotices } from '../notifications/resident-notices.ts';
import { stepDraft, type PendingEvent, type TicketDraft } from './ticket-step.ts';
import {
  EscalationTimerEvent,
  fireEscalationTimer,
  persistEscalationPlan,
  raiseManualEscalation,
  settleAlerts,
  type AlertChange,
} from '../escalation/escalation-engine.ts';
import type { SlaClockName } from '../../workflows/sla/ticket-sla.ts';

/** What the engine needs from the outside world. */
export interface EngineDeps {
  db: Db;
  clock: Clock;
  cityTimeZone: string;
  /** How long after closing a resident may still dispute the outcome; 30 days unless configured. */
  reopenWindowMs?: number;
  /** How registration numbers are written; `{year}-{seq:6}` unless configured. */
  registrationFormat?: string;
  /** Called last in every transaction that changed something, so other processes hear of it at commit. */
  announce?: (tx: Sql, change: AppliedChange) => Promise<void>;
}

const DEFAULT_REOPEN_WINDOW_MS = 30 * 86_400_000;

/** What a channel adds when it registers an appeal: the residents to tell about it. */
export interface CreateOptions {
  subscribers?: Omit<TicketSubscriber, 'ticketId'>[];
  /**
   * The channel's own bookkeeping, last in the ticket's transaction (after the residents' messages
   * are queued): linking a social post, recording a Telegram update and conversation. When it
   * throws, no ticket is created either.
   */
  onCreated?: (tx: Sql, ticket: TicketRecord) => Promise<void>;
}

/**
 * One committed transaction: the ticket after it, the event rows it appended (oldest first; none
 * when only alerts changed) and the alerts it raised or settled.
 */
export interface AppliedChange {
  ticket: TicketRecord;
  events: TicketEventRow[];
  alerts: AlertChange[];
  /** Tickets the same transaction changed along with this one (appeals merged into an incident). */
  related?: AppliedChange[];
  /** The agency that held the ticket before, when the change moved it (its console drops the ticket). */
  previousAgencyId?: string | null;
}

const SYSTEM: Actor = { userId: null, role: 'system', channel: 'system' };
/** The engine's own deadlines and delayed events. */
const TIMER: Actor = { userId: null, role: 'system', channel: 'timer' };

/**
 * Creates a registered ticket in one transaction: `ticket.create`, `ticket.register` and then either
 * `ticket.close_first_contact` (the operator answered during the call) or, when the category routes
 * somewhere, an automatic `ticket.assign`. The machine runs in memory; the ticket and its event rows
 * are written once at the end.
 */
export async function createTicket(
  deps: EngineDeps,
  input: CreateTicket,
  actor: Actor,
  options: CreateOptions = {},
): Promise<AppliedChange> {
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const category = await findCategory(tx, input.categoryId);
    if (!category) throw unknownReference({ categoryId: `no category "${input.categoryId}"` });
    const districtId = await resolveDistrict(tx, input);
    const priority = input.priority ?? category.priority;
    const ctx = {
      cityTimeZone: deps.cityTimeZone,
      category,
      reopenWindowMs: deps.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS,
      ...(deps.registrationFormat && { registrationFormat: deps.registrationFormat }),
    };

    const snapshot = startTicket({ categoryId: category.id, channel: input.channel });
    let draft: TicketDraft = {
      registrationNumber: null,
      state: snapshot.value,
      snapshot,
      version: 1,
      categoryId: category.id,
      agencyId: null,
      districtId,
      channel: input.channel,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
      address: input.address ?? null,
      description: input.description,
      reporterName: input.reporterName ?? null,
      reporterPhone: input.reporterPhone ?? null,
      createdAt: at,
      updatedAt: at,
      registeredAt: null,
      closedAt: null,
      ackDueAt: null,
      resolveDueAt: null,
      priority,
      sla: { terms: await termsFor(tx, category.id, priority), ack: null, resolve: null },
      ackWarnAt: null,
      resolveWarnAt: null,
      mergedIntoId: null,
    };
    const pending: PendingEvent[] = [
      {
        type: 'ticket.create',
        version: 1,
        actor_user_id: actor.userId,
        actor_role: actor.role,
        // A new appeal came through its intake channel, whoever typed it in.
        channel: input.channel,
        from_state: null,
        to_state: draft.state,
        payload: { channel: input.channel, categoryId: category.id },
        created_at: at,
      },
    ];
    const timers: TimerChanges[] = [];
    const replanned = new Set<SlaClockName>();
    const apply = async (event: TicketEvent, by: Actor) => {
      const stepped = await stepDraft(tx, ctx, draft, event, by, at);
      draft = stepped.draft;
      pending.push(stepped.event);
      timers.push(stepped.timers);
      for (const clock of stepped.replannedClocks) replanned.add(clock);
    };

    await apply({ type: 'ticket.register', categoryId: category.id }, { ...actor, channel: input.channel });
    if (input.firstContactAnswer) {
      await apply({ type: 'ticket.close_first_contact', answer: input.firstContactAnswer }, actor);
    } else {
      const agencyId = await routeTicket(tx, category, districtId);
      if (agencyId) await apply({ type: 'ticket.assign', agencyId }, SYSTEM);
    }

    const ticket = await insertTicket(tx, draft);
    for (const changes of timers) await persistTimers(tx, ticket, changes, at);
    await persistEscalationPlan(tx, ticket, [...replanned], at);
    await insertSubscribers(
      tx,
      (options.subscribers ?? []).map((s) => ({ ...s, ticketId: ticket.id })),
      at,
    );
    const events = await appendEvents(tx, ticket.id, pending);
    await queueResidentNotices(tx, ticket, events, at);
    await options.onCreated?.(tx, ticket);
    return announced(tx, deps, { ticket, events, alerts: [] });
  });
}

/**
 * Applies one machine event to a ticket in its own transaction; `authorize` checks the caller may act
 * on the ticket as it is once locked (throwing refuses). Refuses (409) a stale
 * `expectedVersion` or an event the ticket's state does not accept, naming the current state.
 */
export async function applyTicketEvent(
  deps: EngineDeps,
  ticketId: number,
  event: TicketEvent,
  actor: Actor,
  options: ApplyOptions = {},
): Promise<AppliedChange> {
  const { expectedVersion, authorize, within } = options;
  return deps.db.transaction(async (tx) => {
    const current =
      event.type === 'ticket.merge'
        ? await lockForMerge(tx, ticketId, event.incidentId)
        : await findTicketForUpdate(tx, ticketId);
    if (!current) throw notFound(`Ticket ${ticketId}`);
    // Access is decided on the locked row: a reassignment that committed a moment ago counts.
    authorize?.(current);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw conflict(
        'stale_version',
        `The ticket changed since version ${expectedVersion}; it is now at version ${current.version}.`,
        { currentVersion: current.version, currentState: current.state },
      );
    }
    const change = await stepStoredTicket(tx, deps, current, event, actor, deps.clock());
    await within?.(tx, change.ticket);
    return announced(tx, deps, change);
  });
}

/** How a command is applied besides its event. */
export interface ApplyOptions {
  /** Refuse (409 stale_version) unless the ticket is still at this version. */
  expectedVersion?: number;
  /** Checks the caller may act on the ticket as it is once locked; throwing refuses. */
  authorize?: (locked: TicketRecord) => void;
  /** The caller's own writes that belong with the event (an attachment's record), in its transaction. */
  within?: (tx: Sql, ticket: TicketRecord) => Promise<void>;
}

/** Hands a change to `deps.announce` inside its transaction, and returns it. */
async function announced(tx: Sql, deps: EngineDeps, change: AppliedChange): Promise<AppliedChange> {
  await deps.announce?.(tx, change);
  return change;
}

/**
 * Fires a due timer inside the worker's transaction (so the row's deletion and the event commit
 * together). A ticket that has moved on no longer accepts the timer's event: then nothing happens
 * and null is returned.
 */
export async function fireTicketTimer(
  tx: Sql,
  deps: EngineDeps,
  timer: DueTimer,
): Promise<AppliedChange | null> {
  const parsed = StoredTimerEvent.safeParse(timer.event);
  if (!parsed.success) return null;
  const current = await findTicketForUpdate(tx, timer.ticketId);
  if (!current) return null;
  if (isTimerEventType(parsed.data.type)) {
    const event: TicketTimerEvent = { type: parsed.data.type };
    if (!stepTicket(current.snapshot, event).accepted) return null;
    return announced(tx, deps, await stepStoredTicket(tx, deps, current, event, TIMER, deps.clock()));
  }
  const escalation = EscalationTimerEvent.safeParse(timer.event);
  if (!escalation.success) return null;
  const alerts = await fireEscalationTimer(tx, current, escalation.data, deps.clock());
  return alerts.length ? announced(tx, deps, { ticket: current, events: [], alerts }) : null;
}

/** A timer row's event, as the engine wrote it: the machine's delayed-event type. */
const StoredTimerEvent = z.object({ type: z.string() });

/**
 * Applies one event to a stored, locked ticket, and the events the tickets merged into it must follow
 * with; writes them all, their timers and alerts, and appends their event rows last.
 */
async function stepStoredTicket(
  tx: Sql,
  deps: EngineDeps,
  current: TicketRecord,
  event: TicketEvent,
  actor: Actor,
  at: Date,
): Promise<AppliedChange> {
  const own = await writeStep(tx, deps, current, event, actor, at);
  // Each follower remembers its agency before the step: an appeal separated from a cancelled
  // incident leaves that agency, whose console must drop it.
  const followers: (WrittenStep & { previousAgencyId: string | null })[] = [];
  for (const follow of await followUpsOf(tx, own.ticket, current.state)) {
    const written = await writeStep(tx, deps, follow.ticket, follow.event, SYSTEM, at);
    followers.push({ ...written, previousAgencyId: follow.ticket.agencyId });
  }
  const events = await appendEvents(tx, own.ticket.id, [own.event]);
  await queueResidentNotices(tx, own.ticket, events, at);
  const related: AppliedChange[] = [];
  for (const f of followers) {
    const followed = await appendEvents(tx, f.ticket.id, [f.event]);
    await queueResidentNotices(tx, f.ticket, followed, at);
    related.push({
      ticket: f.ticket,
      events: followed,
      alerts: f.alerts,
      previousAgencyId: f.previousAgencyId,
    });
  }
  return { ticket: own.ticket, events, alerts: own.alerts, related, previousAgencyId: current.agencyId };
}

/** A stored ticket after one step, with the event row still to append. */
interface WrittenStep {
  ticket: TicketRecord;
  event: PendingEvent;
  alerts: AlertChange[];
}

/** Steps a locked ticket and writes it, its timers and its alerts; the event row is the caller's to append. */
async function writeStep(
  tx: Sql,
  deps: EngineDeps,
  current: TicketRecord,
  event: TicketEvent,
  actor: Actor,
  at: Date,
): Promise<WrittenStep> {
  const { id, ...draft } = current;
  const stepped = await stepDraft(
    tx,
    {
      cityTimeZone: deps.cityTimeZone,
      ticketId: id,
      reopenWindowMs: deps.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS,
    },
    draft,
    event,
    actor,
    at,
  );
  const ticket = await updateTicketAfterEvent(tx, id, stepped.draft);
  await persistTimers(tx, ticket, stepped.timers, at);
  await persistEscalationPlan(tx, ticket, stepped.replannedClocks, at);
  const alerts = await settleAlerts(tx, ticket, at);
  if (event.type === 'ticket.escalate')
    alerts.push(await raiseManualEscalation(tx, ticket, event.reason, actor.userId, at));
  return { ticket, event: stepped.event, alerts };
}

/**
 * Turns the machine's delayed events into timer rows in the same transaction as the snapshot, and
 * removes the ones it called off; a ticket that reached a final state keeps no timer at all.
 */
async function persistTimers(tx: Sql, ticket: TicketRecord, changes: TimerChanges, at: Date): Promise<void> {
  if ((FINAL_TICKET_STATES as readonly string[]).includes(ticket.state)) {
    await cancelTicketTimers(tx, ticket.id);
    return;
  }
  for (const key of changes.cancel) await cancelTimer(tx, ticket.id, key);
  if (changes.schedule.length === 0) return;
  await scheduleTimers(
    tx,
    changes.schedule.map((t) => ({
      ticketId: ticket.id,
      key: t.key,
      event: t.event,
      dueAt: new Date(at.getTime() + t.delayMs),
      createdAt: at,
    })),
  );
}

/**
 * Appends the events as the transaction's last write. The event-log lock is taken only here, so
 * it is held just for this insert and the commit: sequence numbers then commit in order.
 */
async function appendEvents(
  tx: Sql,
  ticketId: number,
  pending: readonly PendingEvent[],
): Promise<TicketEventRow[]> {
  await lockEventLog(tx);
  return insertTicketEvents(
    tx,
    pending.map((e) => ({ ...e, ticket_id: ticketId })),
  );
}

/**
 * The ticket's district: the one given, else the one its point lies in. A point outside the city is
 * refused whether or not a district was given: every door refuses it, so the engine does too.
 */
async function resolveDistrict(tx: Sql, input: CreateTicket): Promise<string | null> {
  const located =
    input.lat !== undefined && input.lon !== undefined ? await requireInCity(tx, input.lat, input.lon) : null;
  if (!input.districtId) return located;
  if (!(await findDistrict(tx, input.districtId)))
    throw unknownReference({ districtId: `no district "${input.districtId}"` });
  return input.districtId;
}
