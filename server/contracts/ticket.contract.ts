import { z } from 'zod';
import {
  TICKET_CHANNELS,
  TICKET_STATES,
  type TicketCommandEvent,
} from '../../workflows/ticket/ticket.types.ts';
import {
  IsoTime,
  Latitude,
  Longitude,
  NO_NUL_MESSAGE,
  ResidentLocale,
  Slug,
  Text,
  hasNoNul,
} from './common.contract.ts';
import { Role } from './auth.contract.ts';
import { Priority } from './reference.contract.ts';

export const TicketState = z.enum(TICKET_STATES);
export const TicketChannel = z.enum(TICKET_CHANNELS);

/** A ticket as every client sees it (without the resident's personal data unless allowed). */
export const Ticket = z.object({
  id: z.number().int(),
  registrationNumber: z.string().nullable(),
  state: TicketState,
  version: z.number().int(),
  categoryId: z.string(),
  agencyId: z.string().nullable(),
  districtId: z.string().nullable(),
  channel: TicketChannel,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  address: z.string().nullable(),
  description: z.string(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  registeredAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
  ackDueAt: IsoTime.nullable(),
  resolveDueAt: IsoTime.nullable(),
  priority: Priority,
  /** When this share of a deadline is used, it shows amber and its first escalation level may fire. */
  ackWarnAt: IsoTime.nullable(),
  resolveWarnAt: IsoTime.nullable(),
  /** Whether the resolution clock stands still (on hold); its deadline then moves when work resumes. */
  slaPaused: z.boolean(),
  /** The incident this appeal was merged into, while it waits for it. */
  mergedIntoId: z.number().int().nullable(),
  acceptedEvents: z.array(z.string()),
});
export type Ticket = z.infer<typeof Ticket>;

/** One row of the audit trail. */
export const TicketEventRecord = z.object({
  seq: z.number().int(),
  ticketId: z.number().int(),
  type: z.string(),
  version: z.number().int(),
  actorUserId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string(),
  /** The door it came through; null for events logged before doors were recorded. */
  channel: z.string().nullable(),
  fromState: TicketState.nullable(),
  toState: TicketState,
  payload: z.record(z.string(), z.unknown()),
  createdAt: IsoTime,
});
export type TicketEventRecord = z.infer<typeof TicketEventRecord>;

export const TicketWithHistory = Ticket.extend({ events: z.array(TicketEventRecord) });
export type TicketWithHistory = z.infer<typeof TicketWithHistory>;

/** POST /api/tickets: a registered appeal from a console, the simulator or an integration. */
export const CreateTicket = z
  .object({
    categoryId: Slug,
    channel: TicketChannel.default('phone'),
    description: Text(4000),
    lat: Latitude.optional(),
    lon: Longitude.optional(),
    address: Text(300).optional(),
    districtId: Slug.optional(),
    /** Overrides the category's usual priority (and so its deadlines). */
    priority: Priority.optional(),
    reporterName: Text(200).optional(),
    reporterPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number such as +7 701 123 45 67')
      .optional(),
    /** The answer given during the call: the appeal is closed on first contact instead of routed. */
    firstContactAnswer: Text(2000).optional(),
  })
  .strict()
  .refine((t) => (t.lat === undefined) === (t.lon === undefined), {
    message: 'lat and lon come together',
    path: ['lon'],
  })
  .refine((t) => t.lat !== undefined || t.address !== undefined, {
    message: 'a location (lat and lon) or an address is required',
    path: ['address'],
  });
export type CreateTicket = z.infer<typeof CreateTicket>;

/**
 * POST /api/tickets/:id/status-enquiry: a caller asks what happened to an appeal. The operator's answer
 * is recorded as a new appeal closed on first contact, so the enquiry counts toward that rate.
 */
export const StatusEnquiry = z
  .object({
    channel: TicketChannel.default('phone'),
    /** The language the answer is recorded in (the one spoken on the call). */
    locale: ResidentLocale.default('ru'),
    reporterName: Text(200).optional(),
    reporterPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number such as +7 701 123 45 67')
      .optional(),
  })
  .strict();
export type StatusEnquiry = z.infer<typeof StatusEnquiry>;

/** The status an operator read out, and the enquiry recorded for it. */
export const StatusEnquiryResult = z.object({ about: Ticket, enquiry: Ticket, answer: z.string() });
export type StatusEnquiryResult = z.infer<typeof StatusEnquiryResult>;

const expectedVersion = z.number().int().min(1).optional();

/** POST /api/tickets/:id/events: one command for the ticket machine. */
export const TicketCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket.register'), categoryId: Slug, expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.close_first_contact'), answer: Text(2000), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.assign'), agencyId: Slug, expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.accept'), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.reject'), reason: Text(500), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.start'), expectedVersion }).strict(),
  z
    .object({
      type: z.literal('ticket.hold'),
      reason: Text(500),
      until: z.iso.datetime({
        offset: true,
        error: 'must be an ISO date-time such as 2026-12-01T09:00:00+05:00',
      }),
      expectedVersion,
    })
    .strict(),
  z.object({ type: z.literal('ticket.resume'), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.resolve'), resolution: Text(2000), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.reopen'), reason: Text(500), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.close'), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.cancel'), reason: Text(500), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.comment'), text: Text(2000), expectedVersion }).strict(),
  z
    .object({
      type: z.literal('ticket.merge'),
      incidentId: z.number().int().min(1).max(2_147_483_647),
      expectedVersion,
    })
    .strict(),
  z.object({ type: z.literal('ticket.unmerge'), reason: Text(500), expectedVersion }).strict(),
  z.object({ type: z.literal('ticket.escalate'), reason: Text(500), expectedVersion }).strict(),
  // Recorded by the attachment service when a file is kept; no role sends it as a command.
  z
    .object({
      type: z.literal('ticket.attach'),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      mediaType: z.string().max(100),
      byteSize: z.number().int().min(1),
      expectedVersion,
    })
    .strict(),
]);
export type TicketCommand = z.infer<typeof TicketCommand>;

// The wire commands and the machine's events must not drift apart.
type CommandAsEvent = TicketCommand extends infer C
  ? C extends unknown
    ? Omit<C, 'expectedVersion'>
    : never
  : never;
const _commandsAreEvents = (c: CommandAsEvent): TicketCommandEvent => c;
const _eventsAreCommands = (e: TicketCommandEvent): CommandAsEvent => e;
void _eventsAreCommands;
void _commandsAreEvents;

/** Who made the change a refused command ran into: the ticket's latest event. */
export const TicketChangedBy = z.object({
  name: z.string().nullable(),
  role: z.string(),
  eventType: z.string(),
  at: IsoTime,
});
export type TicketChangedBy = z.infer<typeof TicketChangedBy>;

/**
 * A 409 from POST /api/tickets/:id/events because the ticket moved on (`stale_version`,
 * `event_not_accepted`): besides the current state and version it carries the ticket as it is now
 * and who changed it last, so a console can say "changed by X: now <state>" without asking again.
 */
export const TicketConflict = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    currentState: TicketState,
    currentVersion: z.number().int(),
    ticket: Ticket,
    changedBy: TicketChangedBy.nullable(),
  }),
});
export type TicketConflict = z.infer<typeof TicketConflict>;

const CommaList = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(20, 'at most 20 values'));

/**
 * Where a ticket stands against its running deadlines (the earlier of acknowledgement and
 * resolution), judged in SQL by the server's clock: `paused` while its resolution clock stands
 * still (on hold, merged). Tickets with no running deadline (resolved, closed) have none of these.
 */
export const SLA_STATES = ['on_time', 'warning', 'breached', 'paused'] as const;
export const SlaState = z.enum(SLA_STATES);
export type SlaState = z.infer<typeof SlaState>;

/** List orders: newest first, or nearest running deadline first (overdue on top, none last). */
export const TICKET_SORTS = ['newest', 'deadline'] as const;
export const TicketSort = z.enum(TICKET_SORTS);
export type TicketSort = z.infer<typeof TicketSort>;

/** The at-risk window when a query names none: due within the next hour. */
export const DEFAULT_RISK_WINDOW_MINUTES = 60;

/** GET /api/tickets query string. Lists are comma-separated; `bbox` is west,south,east,north. */
export const TicketListQuery = z
  .object({
    state: CommaList(TicketState).optional(),
    slaState: CommaList(SlaState).optional(),
    /**
     * Open tickets about to breach: a warning reached, or due within `riskWindowMinutes`, and not
     * yet breached nor paused. Sorted by deadline whatever `sort` says.
     */
    atRisk: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    riskWindowMinutes: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be ≥ 1')
      .max(1440, 'must be ≤ 1440')
      .default(DEFAULT_RISK_WINDOW_MINUTES),
    /** Unset: deadline for agency staff (their queue), newest for everyone else. */
    sort: TicketSort.optional(),
    categoryId: CommaList(Slug).optional(),
    agencyId: CommaList(Slug).optional(),
    districtId: CommaList(Slug).optional(),
    channel: CommaList(TicketChannel).optional(),
    /** The caller's earlier appeals: any way of writing the number matches (its last ten digits). */
    phone: z
      .string()
      .transform((s) => s.replace(/[^0-9]/g, ''))
      .pipe(z.string().min(10, 'must have at least 10 digits').max(15, 'must have at most 15 digits'))
      .transform((digits) => digits.slice(-10))
      .optional(),
    /** Appeals merged into this incident (its id). */
    mergedInto: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
    open: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200, 'must be at most 200 characters')
      .refine(hasNoNul, NO_NUL_MESSAGE)
      .optional(),
    bbox: z
      .string()
      .transform((s) => s.split(',').map(Number))
      .pipe(
        z
          .tuple([Longitude, Latitude, Longitude, Latitude], {
            error: 'must be four numbers: west,south,east,north',
          })
          .refine(([w, s, e, n]) => w < e && s < n, 'west must be < east and south < north'),
      )
      .optional(),
    limit: z.coerce.number().int().min(1, 'must be ≥ 1').max(500, 'must be ≤ 500').default(50),
    // A ticket id (newest first), or `<deadline ms|n>_<id>` (by deadline): the bound keeps an
    // overlong cursor a 400 instead of an int4 overflow in the query.
    cursor: z
      .string()
      .regex(/^(?:(?:[0-9]{1,15}|n)_)?[0-9]{1,10}$/, 'is not a cursor from a previous page')
      .refine((s) => Number(s.split('_').at(-1)) <= 2_147_483_647, 'is not a cursor from a previous page')
      .optional(),
  })
  .strict();
export type TicketListQuery = z.infer<typeof TicketListQuery>;

/**
 * One page of tickets, newest first; pass `nextCursor` back as `cursor` for the next page.
 * `lastSeq` is the event log's position read just before the page: a client that loads a list
 * and then resyncs from `lastSeq` misses nothing (it may see a change twice; versions tell).
 */
export const TicketPage = z.object({
  items: z.array(Ticket),
  nextCursor: z.string().nullable(),
  lastSeq: z.number().int(),
  /** The server's clock when it read the page (always sent): consoles count time left by it, not their own. */
  serverTime: IsoTime.optional(),
});
export type TicketPage = z.infer<typeof TicketPage>;

/** Doors an event can come through: an intake channel, the staff console, or the engine itself. */
export const EventChannel = z.enum([...TICKET_CHANNELS, 'console', 'timer', 'system', 'simulator']);
export type EventChannel = z.infer<typeof EventChannel>;

/** Who did something, and through which door, as recorded in the event log. */
export const Actor = z.object({
  userId: z.number().int().nullable(),
  role: z.union([Role, z.enum(['system', 'simulator'])]),
  /** Unset: `console` for a person, `system` otherwise. */
  channel: EventChannel.optional(),
});
export type Actor = z.infer<typeof Actor>;
