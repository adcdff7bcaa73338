import { CONFIRMATION_WINDOW_EVENT } from '../../workflows/ticket/ticket.model.ts';
import {
  acceptedEventTypes,
  startTicket,
  stepTicket,
  type StoredTicketSnapshot,
} from '../../workflows/ticket/ticket.transition.ts';
import {
  FINAL_TICKET_STATES,
  TICKET_EVENT_TYPES,
  type TicketCommandEvent,
  type TicketEvent,
  type TicketEventType,
  type TicketState,
} from '../../workflows/ticket/ticket.types.ts';

// A model of the tickets one property run creates, for the engine property tests: the machine's own
// pure transition (the oracle for which commands a ticket takes), plus what the engine adds around it
// (payload checks, merged appeals following their incident, the confirmation timer, the reopen
// window). The real engine must agree with it step by step.

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** Categories the runs file: two measured in elapsed time, one in an akimat's office hours. */
export const MODEL_CATEGORIES = {
  flooding: { measure: 'elapsed', agencyId: 'astana-su-arnasy' },
  'open-manhole': { measure: 'elapsed', agencyId: 'astana-su-arnasy' },
  'snow-yard': { measure: 'business', agencyId: 'akimat-yesil' },
} as const;
export type ModelCategory = keyof typeof MODEL_CATEGORIES;

/** Agencies tickets are (re)assigned to: round-the-clock crews and offices with office hours. */
export const MODEL_AGENCIES = [
  'astana-su-arnasy',
  'akimat-yesil',
  'veterinary-service',
  'housing-inspection',
  'akimat-nura',
] as const;

/** How long a closed appeal may be disputed: the server's default (REOPEN_WINDOW_DAYS=30). */
export const REOPEN_WINDOW_MS = 30 * DAY_MS;
/** The confirmation window of every ticket the runs file (the machine's default, 72 h). */
export const CONFIRMATION_WINDOW_MS = 72 * HOUR_MS;
/** The event type the confirmation timer applies (and its timer row's key). */
export const CONFIRMATION_EVENT_TYPE = CONFIRMATION_WINDOW_EVENT.type;
/** States in which an incident takes merged appeals (server/engine/incident-merge.ts). */
export const INCIDENT_OPEN_STATES: readonly TicketState[] = [
  'registered',
  'assigned',
  'accepted',
  'in_progress',
  'on_hold',
];

/** One ticket as the model believes it is. */
export interface ModelTicket {
  /** Run-local name (T0, T1, …), so a printed counterexample does not depend on database ids. */
  alias: string;
  id: number;
  category: ModelCategory;
  snapshot: StoredTicketSnapshot;
  version: number;
  /** When it last entered `resolved`: its confirmation timer is due a window later. */
  resolvedAt: number | null;
  /** When it entered a final state (the engine's closed_at), else null. */
  closedAt: number | null;
}

/** What a property run knows: the clock, when the run began, its tickets and a readable trace. */
export interface RunModel {
  now: number;
  startedAt: number;
  tickets: ModelTicket[];
  trace: string[];
}

export const isFinalState = (state: TicketState) =>
  (FINAL_TICKET_STATES as readonly string[]).includes(state);

/**
 * The commands the model sends: every command but registering (part of filing) and attaching (files
 * are uploaded, never sent as a command).
 */
const BUILDABLE: readonly TicketEventType[] = TICKET_EVENT_TYPES.filter(
  (type) => type !== 'ticket.register' && type !== 'ticket.attach',
);

/** Command types the machine offers the ticket now and the model can build. */
export const offeredTypes = (t: ModelTicket): TicketEventType[] =>
  acceptedEventTypes(t.snapshot).filter((type) => BUILDABLE.includes(type));

/** Command types the machine does not offer the ticket now. */
export const refusedTypes = (t: ModelTicket): TicketEventType[] =>
  BUILDABLE.filter((type) => !acceptedEventTypes(t.snapshot).includes(type));

/**
 * Commands that end a ticket's life (or a resolution's) come up less often, so tickets live long
 * enough for their deadlines to warn, breach and escalate, and resolutions for their confirmation
 * window to end.
 */
const ENDING: readonly TicketEventType[] = [
  'ticket.cancel',
  'ticket.close',
  'ticket.close_first_contact',
  'ticket.reopen',
];

/** `types` with the everyday ones repeated, to pick from by index. */
export const weighted = (types: readonly TicketEventType[]): TicketEventType[] =>
  types.flatMap((type) => (ENDING.includes(type) ? [type] : [type, type, type, type]));

/** A different agency than the ticket's, chosen by `pick`. */
function otherAgency(t: ModelTicket, pick: number): string {
  const others = MODEL_AGENCIES.filter((a) => a !== t.snapshot.context.agencyId);
  return others[pick % others.length]!;
}

/**
 * Another ticket of the run to merge `t` into: an open incident when there is one, except for one
 * pick in four, which may name any other ticket; `t` itself when it is alone.
 */
function incidentFor(t: ModelTicket, m: RunModel, pick: number): ModelTicket {
  const others = m.tickets.filter((x) => x !== t);
  const open = others.filter((x) => INCIDENT_OPEN_STATES.includes(x.snapshot.value));
  const from = open.length > 0 && pick % 4 !== 3 ? open : others;
  return from[pick % Math.max(1, from.length)] ?? t;
}

/** A command of `type` for `t` as the run stands; `pick` varies its payload (agency, hold, incident). */
export function buildCommand(
  type: TicketEventType,
  t: ModelTicket,
  m: RunModel,
  pick: number,
): TicketCommandEvent {
  switch (type) {
    case 'ticket.register':
      return { type, categoryId: t.category };
    case 'ticket.close_first_contact':
      return { type, answer: 'Answered during the call' };
    case 'ticket.assign':
      return { type, agencyId: otherAgency(t, pick) };
    case 'ticket.reject':
      return { type, reason: 'Not our network' };
    case 'ticket.hold':
      return {
        type,
        reason: 'Waiting for parts',
        until: new Date(m.now + (1 + (pick % 96)) * HOUR_MS).toISOString(),
      };
    case 'ticket.resolve':
      return { type, resolution: 'Fixed on site' };
    case 'ticket.reopen':
      return { type, reason: 'The resident disputes it' };
    case 'ticket.cancel':
      return { type, reason: 'Duplicate appeal' };
    case 'ticket.comment':
      return { type, text: `Note ${pick}` };
    case 'ticket.merge':
      return { type, incidentId: incidentFor(t, m, pick).id };
    case 'ticket.unmerge':
      return { type, reason: 'A different job after all' };
    case 'ticket.escalate':
      return { type, reason: 'The resident called again' };
    case 'ticket.attach':
      return { type, sha256: 'ab'.repeat(32), mediaType: 'image/jpeg', byteSize: 1000 + pick };
    case 'ticket.accept':
    case 'ticket.start':
    case 'ticket.resume':
    case 'ticket.close':
      return { type };
  }
}

/** A refusal the API must answer with. */
export interface Refusal {
  status: number;
  code: string;
}

/**
 * What the engine must answer when `event` is sent to `t` by someone allowed to send it: null when
 * it applies, else the refusal, in the engine's order of checks (state first, then the payload rules).
 */
export function expectedRefusal(t: ModelTicket, event: TicketCommandEvent, m: RunModel): Refusal | null {
  if (!stepTicket(t.snapshot, event).accepted) return { status: 409, code: 'event_not_accepted' };
  switch (event.type) {
    case 'ticket.hold':
      return Date.parse(event.until) <= m.now ? { status: 400, code: 'invalid_request' } : null;
    case 'ticket.assign':
      return (MODEL_AGENCIES as readonly string[]).includes(event.agencyId)
        ? null
        : { status: 422, code: 'unknown_reference' };
    case 'ticket.reopen':
      return t.snapshot.value === 'closed' && m.now - (t.closedAt ?? m.now) > REOPEN_WINDOW_MS
        ? { status: 409, code: 'reopen_window_passed' }
        : null;
    case 'ticket.merge': {
      const incident = m.tickets.find((x) => x.id === event.incidentId);
      if (event.incidentId === t.id) return { status: 400, code: 'invalid_request' };
      if (!incident) return { status: 422, code: 'unknown_reference' };
      if (!INCIDENT_OPEN_STATES.includes(incident.snapshot.value))
        return { status: 409, code: 'incident_not_open' };
      return mergedInto(t, m).length > 0 ? { status: 409, code: 'has_merged_tickets' } : null;
    }
    default:
      return null;
  }
}

/** The tickets waiting merged into `incident`. */
export const mergedInto = (incident: ModelTicket, m: RunModel) =>
  m.tickets.filter((x) => x.snapshot.value === 'merged' && x.snapshot.context.mergedIntoId === incident.id);

/** The events the engine applies to merged tickets when their incident steps from `from`. */
export function followUps(
  incident: ModelTicket,
  from: TicketState,
  m: RunModel,
): { ticket: ModelTicket; type: string }[] {
  const to = incident.snapshot.value;
  if (to === from || (to !== 'resolved' && !isFinalState(to))) return [];
  const type = to === 'resolved' ? 'ticket.resolve' : 'ticket.unmerge';
  return mergedInto(incident, m).map((ticket) => ({ ticket, type }));
}

/** The model after the engine applied `event` to `t` at `at`. */
export function applyToModel(t: ModelTicket, event: TicketEvent, at: number): void {
  const step = stepTicket(t.snapshot, event);
  if (!step.accepted) throw new Error(`${t.alias}: the machine refuses ${event.type} in ${t.snapshot.value}`);
  const entered = step.snapshot.value;
  if (entered === 'resolved' && t.snapshot.value !== 'resolved') t.resolvedAt = at;
  if (entered !== 'resolved') t.resolvedAt = null;
  t.closedAt = isFinalState(entered) ? at : null;
  t.snapshot = step.snapshot;
  t.version += 1;
}

/** A new ticket as the engine files it: created, registered, then routed or closed on first contact. */
export function newModelTicket(
  alias: string,
  id: number,
  category: ModelCategory,
  firstContact: boolean,
  at: number,
): ModelTicket {
  const t: ModelTicket = {
    alias,
    id,
    category,
    snapshot: startTicket({ categoryId: category, channel: 'phone' }),
    version: 1,
    resolvedAt: null,
    closedAt: null,
  };
  applyToModel(t, { type: 'ticket.register', categoryId: category }, at);
  if (firstContact) applyToModel(t, { type: 'ticket.close_first_contact', answer: 'Answered' }, at);
  else applyToModel(t, { type: 'ticket.assign', agencyId: MODEL_CATEGORIES[category].agencyId }, at);
  return t;
}

/** Whether the confirmation timer of `t` is due at `now`. */
export const confirmationDue = (t: ModelTicket, now: number) =>
  t.snapshot.value === 'resolved' && t.resolvedAt !== null && t.resolvedAt + CONFIRMATION_WINDOW_MS <= now;

/** A command in a few words, for traces and counterexamples (incidents by their run-local names). */
export function describeCommand(event: TicketCommandEvent, m: RunModel): string {
  const { type, ...fields } = event;
  const shown = Object.entries(fields).map(([k, v]) => {
    if (k === 'until') return `until=now+${Math.round((Date.parse(String(v)) - m.now) / 60_000)}min`;
    if (k === 'incidentId') return `into=${m.tickets.find((x) => x.id === v)?.alias ?? String(v)}`;
    return `${k}=${String(v)}`;
  });
  return `${type.replace('ticket.', '')}${shown.length ? `(${shown.join(', ')})` : ''}`;
}

/** A duration in the largest unit that fits, for traces. */
export function formatDuration(ms: number): string {
  if (ms >= DAY_MS) return `${(ms / DAY_MS).toFixed(1)}d`;
  if (ms >= HOUR_MS) return `${(ms / HOUR_MS).toFixed(1)}h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)}min`;
  return `${Math.round(ms / 1000)}s`;
}
