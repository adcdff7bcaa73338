import type { Db, Sql } from '../../db/client.ts';
import { findAgency, findCategory, findDistrict, listDistricts, type CategoryRow } from '../../db/queries/reference.ts';
import { takeRegistrationValue } from '../../db/queries/registration-numbers.ts';
import { insertTicketEvent, lockEventLog, type TicketEventRow } from '../../db/queries/ticket-events.ts';
import {
  findTicketForUpdate,
  insertTicket,
  updateTicketAfterEvent,
  type TicketMutableFields,
  type TicketRecord,
} from '../../db/queries/tickets.ts';
import { startTicket, stepTicket } from '../../workflows/ticket/ticket.transition.ts';
import { FINAL_TICKET_STATES, type TicketEvent } from '../../workflows/ticket/ticket.types.ts';
import type { Actor, CreateTicket } from '../contracts/ticket.contract.ts';
import type { Clock } from '../clock.ts';
import { conflict, notFound, unknownReference } from '../errors.ts';
import { astanaDistrictShapes, districtContaining } from '../geo/district-shapes.ts';
import { nearestDistrict } from './district-locator.ts';
import { cityYear, formatRegistrationNumber } from './registration-number.ts';
import { routeTicket } from './routing.ts';

/** What the engine needs from the outside world. */
export interface EngineDeps {
  db: Db;
  clock: Clock;
  cityTimeZone: string;
}

/** One committed transaction: the ticket after it and the event rows it appended, oldest first. */
export interface AppliedChange {
  ticket: TicketRecord;
  events: TicketEventRow[];
}

const MINUTE_MS = 60_000;
const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS);

/**
 * Creates a registered ticket in one transaction: `ticket.create`, `ticket.register` and then either
 * `ticket.close_first_contact` (the operator answered during the call) or, when the category routes
 * somewhere, an automatic `ticket.assign`; each an event row.
 */
export async function createTicket(deps: EngineDeps, input: CreateTicket, actor: Actor): Promise<AppliedChange> {
  return deps.db.transaction(async (tx) => {
    await lockEventLog(tx);
    const at = deps.clock();
    const category = await findCategory(tx, input.categoryId);
    if (!category) throw unknownReference({ categoryId: `no category "${input.categoryId}"` });
    const districtId = await resolveDistrict(tx, input);

    const snapshot = startTicket({ categoryId: category.id, channel: input.channel });
    let ticket = await insertTicket(tx, {
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
    });
    const events = [
      await insertTicketEvent(tx, {
        ticket_id: ticket.id,
        type: 'ticket.create',
        version: 1,
        actor_user_id: actor.userId,
        actor_role: actor.role,
        from_state: null,
        to_state: ticket.state,
        payload: { channel: input.channel, categoryId: category.id },
        created_at: at,
      }),
    ];

    const registered = await applyInTransaction(tx, deps, ticket, { type: 'ticket.register', categoryId: category.id }, actor, at);
    ticket = registered.ticket;
    events.push(registered.event);

    if (input.firstContactAnswer) {
      const closed = await applyInTransaction(
        tx,
        deps,
        ticket,
        { type: 'ticket.close_first_contact', answer: input.firstContactAnswer },
        actor,
        at,
      );
      return { ticket: closed.ticket, events: [...events, closed.event] };
    }

    const agencyId = await routeTicket(tx, category, districtId);
    if (agencyId) {
      const system: Actor = { userId: null, role: 'system' };
      const assigned = await applyInTransaction(tx, deps, ticket, { type: 'ticket.assign', agencyId }, system, at);
      ticket = assigned.ticket;
      events.push(assigned.event);
    }
    return { ticket, events };
  });
}

/**
 * Applies one machine event to a ticket in its own transaction. Refuses (409) a stale
 * `expectedVersion` or an event the ticket's state does not accept, naming the current state.
 */
export async function applyTicketEvent(
  deps: EngineDeps,
  ticketId: number,
  event: TicketEvent,
  actor: Actor,
  expectedVersion?: number,
): Promise<AppliedChange> {
  return deps.db.transaction(async (tx) => {
    await lockEventLog(tx);
    const ticket = await findTicketForUpdate(tx, ticketId);
    if (!ticket) throw notFound(`Ticket ${ticketId}`);
    if (expectedVersion !== undefined && expectedVersion !== ticket.version) {
      throw conflict('stale_version', `The ticket changed since version ${expectedVersion}; it is now at version ${ticket.version}.`, {
        currentVersion: ticket.version,
        currentState: ticket.state,
      });
    }
    const applied = await applyInTransaction(tx, deps, ticket, event, actor, deps.clock());
    return { ticket: applied.ticket, events: [applied.event] };
  });
}

/** Steps the machine, derives the stored fields the event changes, and writes both rows. */
async function applyInTransaction(
  tx: Sql,
  deps: EngineDeps,
  ticket: TicketRecord,
  event: TicketEvent,
  actor: Actor,
  at: Date,
): Promise<{ ticket: TicketRecord; event: TicketEventRow }> {
  const step = stepTicket(ticket.snapshot, event);
  if (!step.accepted) {
    throw conflict('event_not_accepted', `A ticket in state "${step.state}" does not accept "${event.type}".`, {
      currentState: step.state,
      currentVersion: ticket.version,
    });
  }
  const fields: TicketMutableFields = {
    registrationNumber: ticket.registrationNumber,
    state: step.snapshot.value,
    snapshot: step.snapshot,
    version: ticket.version + 1,
    categoryId: step.snapshot.context.categoryId,
    agencyId: step.snapshot.context.agencyId,
    updatedAt: at,
    registeredAt: ticket.registeredAt,
    closedAt: (FINAL_TICKET_STATES as readonly string[]).includes(step.snapshot.value) ? at : null,
    ackDueAt: ticket.ackDueAt,
    resolveDueAt: ticket.resolveDueAt,
  };
  switch (event.type) {
    case 'ticket.register': {
      const category = await requireCategory(tx, event.categoryId);
      fields.registrationNumber ??= formatRegistrationNumber(
        cityYear(at, deps.cityTimeZone),
        await takeRegistrationValue(tx, cityYear(at, deps.cityTimeZone)),
      );
      fields.registeredAt = at;
      fields.resolveDueAt = addMinutes(at, category.resolve_deadline_minutes);
      break;
    }
    case 'ticket.assign': {
      if (!(await findAgency(tx, event.agencyId))) throw unknownReference({ agencyId: `no agency "${event.agencyId}"` });
      const category = await requireCategory(tx, fields.categoryId);
      fields.ackDueAt = addMinutes(at, category.ack_deadline_minutes);
      break;
    }
    case 'ticket.start':
      fields.ackDueAt = null;
      break;
    default:
      break;
  }
  const saved = await updateTicketAfterEvent(tx, ticket.id, fields);
  const { type, ...payload } = event;
  const row = await insertTicketEvent(tx, {
    ticket_id: ticket.id,
    type,
    version: saved.version,
    actor_user_id: actor.userId,
    actor_role: actor.role,
    from_state: ticket.state,
    to_state: saved.state,
    payload,
    created_at: at,
  });
  return { ticket: saved, event: row };
}

async function requireCategory(tx: Sql, id: string): Promise<CategoryRow> {
  const category = await findCategory(tx, id);
  if (!category) throw unknownReference({ categoryId: `no category "${id}"` });
  return category;
}

async function resolveDistrict(tx: Sql, input: CreateTicket): Promise<string | null> {
  if (input.districtId) {
    if (!(await findDistrict(tx, input.districtId))) throw unknownReference({ districtId: `no district "${input.districtId}"` });
    return input.districtId;
  }
  if (input.lat === undefined || input.lon === undefined) return null;
  const inside = districtContaining(astanaDistrictShapes(), input.lat, input.lon);
  if (inside) return inside;
  // Just outside the drawn outlines (they are approximate): the nearest district centre, within reason.
  const districts = (await listDistricts(tx)).map((d) => ({ id: d.id, lat: d.center_lat, lon: d.center_lon }));
  return nearestDistrict(districts, input.lat, input.lon);
}
