import { z } from 'zod';
import type { Sql } from '../../db/client.ts';
import {
  acknowledgeAlertRow,
  insertAlert,
  insertAlertEvent,
  listLiveTicketAlerts,
  renotifyAlert,
  resolveAlertRow,
  type AlertRecord,
} from '../../db/queries/alerts.ts';
import { findDistrictAkimat } from '../../db/queries/reference.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { cancelTimersWithPrefix, scheduleTimers } from '../../db/queries/timers.ts';
import {
  escalationStillHolds,
  planEscalations,
  type EscalationLevel,
} from '../../workflows/sla/escalation.ts';
import type { SlaClockName } from '../../workflows/sla/ticket-sla.ts';
import { FINAL_TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';

/** An alert that changed in a transaction: `raised` when its target is (re)notified, else `updated`. */
export interface AlertChange {
  kind: 'raised' | 'updated';
  alert: AlertRecord;
}

/** Timer events the escalation engine schedules next to the machine's own. */
export const EscalationTimerEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sla.escalate'),
    clock: z.enum(['ack', 'resolve']),
    level: z.number().int().min(0),
  }),
  z.object({
    type: z.literal('alert.repeat'),
    alertId: z.number().int(),
    remaining: z.number().int().min(1),
  }),
  z.object({ type: z.literal('alert.ack_timeout'), alertId: z.number().int() }),
]);
export type EscalationTimerEvent = z.infer<typeof EscalationTimerEvent>;

/** How long an acknowledged manual escalation may sit without action before it fires again. */
const MANUAL_ACK_TIMEOUT_MINUTES = 60;
/** The level manual alerts carry: they belong to no policy level. */
const MANUAL_LEVEL = -1;
const MINUTE_MS = 60_000;
const plusMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS);
const escalationKey = (clock: SlaClockName, level?: number) => `esc:${clock}:${level ?? ''}`;
const alertKey = (alertId: number, what?: 'repeat' | 'ack-timeout') => `alert:${alertId}:${what ?? ''}`;

/**
 * Rewrites the escalation timers of the deadlines whose clocks changed: the old plan goes, the levels
 * of a running clock are scheduled at the moments they fire. Runs in the ticket's transaction.
 */
export async function persistEscalationPlan(
  tx: Sql,
  ticket: TicketRecord,
  replanned: readonly SlaClockName[],
  at: Date,
): Promise<void> {
  if (!ticket.sla || replanned.length === 0) return;
  for (const clock of replanned) await cancelTimersWithPrefix(tx, ticket.id, escalationKey(clock));
  const planned = planEscalations(ticket.sla).filter((p) => replanned.includes(p.clock));
  await scheduleTimers(
    tx,
    planned.map((p) => ({
      ticketId: ticket.id,
      key: escalationKey(p.clock, p.level),
      event: { type: 'sla.escalate', clock: p.clock, level: p.level },
      dueAt: p.firesAt,
      createdAt: at,
    })),
  );
}

/**
 * Resolves the ticket's live alerts whose condition no longer holds: the agency acknowledged, the
 * ticket was resolved, put on hold or closed, or a deadline moved later. Manual escalations stand until
 * the ticket is finished.
 */
export async function settleAlerts(tx: Sql, ticket: TicketRecord, at: Date): Promise<AlertChange[]> {
  const final = (FINAL_TICKET_STATES as readonly string[]).includes(ticket.state);
  const changes: AlertChange[] = [];
  for (const alert of await listLiveTicketAlerts(tx, ticket.id)) {
    const holds =
      alert.clock === 'manual'
        ? !final
        : ticket.sla !== null && escalationStillHolds(ticket.sla, alert.level, alert.clock, at);
    if (holds) continue;
    changes.push({ kind: 'updated', alert: await resolveAlert(tx, alert, `ticket ${ticket.state}`, at) });
  }
  return changes;
}

/**
 * A person escalated the ticket (`ticket.escalate`): the city's supervisors are alerted, and the
 * agency holding it sees the alert too. A manual alert still open is raised again instead.
 */
export async function raiseManualEscalation(
  tx: Sql,
  ticket: TicketRecord,
  reason: string,
  actorUserId: number | null,
  at: Date,
): Promise<AlertChange> {
  const alert = await insertAlert(tx, {
    ticketId: ticket.id,
    clock: 'manual',
    level: MANUAL_LEVEL,
    target: 'city_supervisors',
    targetAgencyId: null,
    reason,
    at,
  });
  if (alert) {
    await insertAlertEvent(tx, { alertId: alert.id, type: 'raised', actorUserId, at, payload: { reason } });
    return { kind: 'raised', alert };
  }
  const live = (await listLiveTicketAlerts(tx, ticket.id)).find((a) => a.clock === 'manual')!;
  const again = await renotifyAlert(tx, live.id, 'open', at);
  await insertAlertEvent(tx, { alertId: live.id, type: 'retriggered', actorUserId, at, payload: { reason } });
  await cancelTimersWithPrefix(tx, ticket.id, alertKey(live.id));
  return { kind: 'raised', alert: again };
}

/** Applies a fired escalation timer to a locked ticket; returns what changed (nothing when moot). */
export async function fireEscalationTimer(
  tx: Sql,
  ticket: TicketRecord,
  event: EscalationTimerEvent,
  at: Date,
): Promise<AlertChange[]> {
  switch (event.type) {
    case 'sla.escalate':
      return raiseLevel(tx, ticket, event.clock, event.level, at);
    case 'alert.repeat':
      return repeatAlert(tx, ticket, event.alertId, event.remaining, at);
    case 'alert.ack_timeout':
      return retriggerAlert(tx, ticket, event.alertId, at);
  }
}

async function raiseLevel(
  tx: Sql,
  ticket: TicketRecord,
  clock: SlaClockName,
  level: number,
  at: Date,
): Promise<AlertChange[]> {
  const definition = ticket.sla?.terms.escalation[level];
  if (!ticket.sla || !definition || !escalationStillHolds(ticket.sla, level, clock, at)) return [];
  const alert = await insertAlert(tx, {
    ticketId: ticket.id,
    clock,
    level,
    target: definition.target,
    targetAgencyId: await targetAgency(tx, ticket, definition),
    reason: null,
    at,
  });
  if (!alert) return [];
  await insertAlertEvent(tx, { alertId: alert.id, type: 'raised', actorUserId: null, at });
  await scheduleRepeats(tx, alert, definition, at);
  return [{ kind: 'raised', alert }];
}

async function repeatAlert(
  tx: Sql,
  ticket: TicketRecord,
  alertId: number,
  remaining: number,
  at: Date,
): Promise<AlertChange[]> {
  const alert = (await listLiveTicketAlerts(tx, ticket.id)).find((a) => a.id === alertId);
  if (!alert || alert.status !== 'open') return [];
  const repeated = await renotifyAlert(tx, alert.id, 'open', at);
  await insertAlertEvent(tx, { alertId: alert.id, type: 'repeated', actorUserId: null, at });
  const definition = levelOf(ticket, alert);
  if (definition && remaining > 1) {
    await scheduleAlertTimer(
      tx,
      alert,
      'repeat',
      plusMinutes(at, definition.repeatIntervalMinutes),
      {
        type: 'alert.repeat',
        alertId: alert.id,
        remaining: remaining - 1,
      },
      at,
    );
  }
  return [{ kind: 'raised', alert: repeated }];
}

async function retriggerAlert(
  tx: Sql,
  ticket: TicketRecord,
  alertId: number,
  at: Date,
): Promise<AlertChange[]> {
  const alert = (await listLiveTicketAlerts(tx, ticket.id)).find((a) => a.id === alertId);
  if (!alert || alert.status !== 'acknowledged') return [];
  const retriggered = await renotifyAlert(tx, alert.id, 'open', at);
  await insertAlertEvent(tx, { alertId: alert.id, type: 'retriggered', actorUserId: null, at });
  const definition = levelOf(ticket, alert);
  if (definition) await scheduleRepeats(tx, retriggered, definition, at);
  return [{ kind: 'raised', alert: retriggered }];
}

/**
 * Acknowledges a live alert for `userId` (its ticket must already be locked by the caller): the
 * repeats stop, and the ack timeout starts after which the alert fires again if nothing happened.
 */
export async function acknowledgeLockedAlert(
  tx: Sql,
  ticket: TicketRecord,
  alert: AlertRecord,
  userId: number,
  at: Date,
): Promise<AlertChange> {
  const acknowledged = await acknowledgeAlertRow(tx, alert.id, userId, at);
  await insertAlertEvent(tx, { alertId: alert.id, type: 'acknowledged', actorUserId: userId, at });
  await cancelTimersWithPrefix(tx, ticket.id, alertKey(alert.id));
  const minutes = levelOf(ticket, alert)?.ackTimeoutMinutes ?? MANUAL_ACK_TIMEOUT_MINUTES;
  await scheduleAlertTimer(
    tx,
    alert,
    'ack-timeout',
    plusMinutes(at, minutes),
    {
      type: 'alert.ack_timeout',
      alertId: alert.id,
    },
    at,
  );
  return { kind: 'updated', alert: acknowledged };
}

async function resolveAlert(tx: Sql, alert: AlertRecord, why: string, at: Date): Promise<AlertRecord> {
  const resolved = await resolveAlertRow(tx, alert.id, why, at);
  await insertAlertEvent(tx, {
    alertId: alert.id,
    type: 'resolved',
    actorUserId: null,
    at,
    payload: { why },
  });
  await cancelTimersWithPrefix(tx, alert.ticketId, alertKey(alert.id));
  return resolved;
}

async function scheduleRepeats(tx: Sql, alert: AlertRecord, level: EscalationLevel, at: Date): Promise<void> {
  if (level.repeatCount < 1) return;
  await scheduleAlertTimer(
    tx,
    alert,
    'repeat',
    plusMinutes(at, level.repeatIntervalMinutes),
    {
      type: 'alert.repeat',
      alertId: alert.id,
      remaining: level.repeatCount,
    },
    at,
  );
}

async function scheduleAlertTimer(
  tx: Sql,
  alert: AlertRecord,
  what: 'repeat' | 'ack-timeout',
  dueAt: Date,
  event: EscalationTimerEvent,
  at: Date,
): Promise<void> {
  await scheduleTimers(tx, [
    { ticketId: alert.ticketId, key: alertKey(alert.id, what), event, dueAt, createdAt: at },
  ]);
}

const levelOf = (ticket: TicketRecord, alert: AlertRecord) =>
  alert.clock === 'manual' ? undefined : ticket.sla?.terms.escalation[alert.level];

/** The agency whose room a level tells: the ticket's agency, or its district's akimat; null is the city. */
async function targetAgency(tx: Sql, ticket: TicketRecord, level: EscalationLevel): Promise<string | null> {
  switch (level.target) {
    case 'agency':
    case 'agency_head':
      return ticket.agencyId;
    case 'district_akimat':
      return ticket.districtId ? ((await findDistrictAkimat(tx, ticket.districtId))?.id ?? null) : null;
    case 'city_supervisors':
      return null;
  }
}
