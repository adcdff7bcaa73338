import type { Sql } from '../../db/client.ts';
import { listEventsOfTickets, listOpen311RequestIds } from '../../db/queries/open311-requests.ts';
import { findCategory, listAgencies, listCategories } from '../../db/queries/reference.ts';
import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import { findTicketsByIds, type TicketRecord } from '../../db/queries/tickets.ts';
import { FINAL_TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import type { Clock } from '../clock.ts';
import type { Actor } from '../contracts/ticket.contract.ts';
import { DomainError, invalid } from '../errors.ts';
import { requireInCity } from '../geo/city-bounds.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import {
  OPEN311_JURISDICTION_ID,
  OPEN311_WINDOW_DAYS,
  Open311CreateRequestBody,
  parseParams,
  REGISTRATION_NUMBER,
  type Open311CreatedRequest,
  type Open311Discovery,
  type Open311RequestsQuery,
  type Open311Service as Open311ServiceDto,
  type Open311ServiceDefinition,
  type Open311ServiceRequest,
  type Open311Token,
} from './open311.contract.ts';
import type { ResidentLocale } from '../contracts/common.contract.ts';
import { textsIn } from '../i18n/resident-texts.ts';
import { serviceNotice, toService, toServiceRequest, type Open311Reference } from './open311.mapper.ts';
import { toCreateTicket } from './open311.intake.ts';
import type { Open311KeyService } from './open311-key.service.ts';

/** Tickets filed through Open311 are the system's doing; the channel says where they came from. */
const OPEN311_ACTOR: Actor = { userId: null, role: 'system', channel: 'open311' };
/** When the service list or a definition last changed: clients refresh cached services after it. */
const CHANGESET = '2026-11-26T00:00:00Z';
const DAY_MS = 86_400_000;

const notFound404 = (field: string, message: string) =>
  new DomainError(404, 'not_found', message, { [field]: message });
const forbidden403 = (message: string) => new DomainError(403, 'forbidden', message, { api_key: message });

/** One page of service requests; `hasMore` when the next page has some. */
export interface Open311Page {
  items: Open311ServiceRequest[];
  hasMore: boolean;
}

/** GeoReport v2 over the ticket engine: categories are services, registered tickets are requests. */
export class Open311Service {
  private readonly db: Sql;
  private readonly clock: Clock;
  private readonly cityTimeZone: string;
  private readonly tickets: TicketService;
  private readonly keys: Open311KeyService;

  constructor(db: Sql, clock: Clock, cityTimeZone: string, tickets: TicketService, keys: Open311KeyService) {
    this.db = db;
    this.clock = clock;
    this.cityTimeZone = cityTimeZone;
    this.tickets = tickets;
    this.keys = keys;
  }

  /** A jurisdiction_id, when given, must be ours (404 otherwise, as the spec says). */
  checkJurisdiction(jurisdictionId: string | undefined): void {
    if (jurisdictionId !== undefined && jurisdictionId !== OPEN311_JURISDICTION_ID) {
      throw notFound404(
        'jurisdiction_id',
        `no jurisdiction "${jurisdictionId}" here; this is ${OPEN311_JURISDICTION_ID}`,
      );
    }
  }

  /** The discovery document for the endpoint at `url`. */
  discovery(url: string, lang: ResidentLocale): Open311Discovery {
    const t = textsIn(lang);
    return {
      changeset: CHANGESET,
      contact: t.contact,
      key_service: t.keyService,
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url,
          changeset: CHANGESET,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
  }

  /** Every category as a service, in display order. */
  async services(lang: ResidentLocale): Promise<Open311ServiceDto[]> {
    const ref = await this.reference();
    return [...ref.categories.values()].map((c) => toService(c, ref, lang));
  }

  /** A service's definition: no category asks for extra attributes yet, so the list is empty. */
  async serviceDefinition(code: string): Promise<Open311ServiceDefinition> {
    if (!(await findCategory(this.db, code))) throw notFound404('service_code', `no service "${code}"`);
    return { service_code: code, attributes: [] };
  }

  /** Service requests by the spec's filters, newest first; `service_request_id` overrides the rest. */
  async requests(q: Open311RequestsQuery, lang: ResidentLocale): Promise<Open311Page> {
    const paging = { limit: q.page_size + 1, offset: (q.page - 1) * q.page_size };
    const ids = await listOpen311RequestIds(
      this.db,
      q.service_request_id
        ? { registrationNumbers: q.service_request_id, ...paging }
        : { ...this.filters(q), ...paging },
    );
    const items = await this.load(ids.slice(0, q.page_size), lang, q.extensions);
    return { items, hasMore: ids.length > q.page_size };
  }

  /** One request by its registration number (404 when there is none). */
  async request(id: string, lang: ResidentLocale, extensions: boolean): Promise<Open311ServiceRequest[]> {
    const items = await this.load(await this.idsOf(id), lang, extensions);
    if (!items.length) throw notFound404('service_request_id', `no service request "${id}"`);
    return items;
  }

  /** The request behind a token: we register at once, so a token is the registration number. */
  async token(token: string): Promise<Open311Token[]> {
    const ids = await this.idsOf(token);
    if (!ids.length) throw notFound404('token', `no token "${token}"`);
    return [{ service_request_id: token, token }];
  }

  /**
   * Files a service request as a ticket on the `open311` channel. The key is checked first (403),
   * then the parameters (400), the jurisdiction and the service (404), then the ticket's own rules.
   */
  async create(apiKey: unknown, body: unknown, lang: ResidentLocale): Promise<Open311CreatedRequest[]> {
    if (apiKey === undefined || apiKey === '') throw forbidden403('is required to create a request');
    if (typeof apiKey !== 'string' || !(await this.keys.isValid(apiKey))) {
      throw forbidden403('is not a valid key');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalid({ body: 'must be form fields or a JSON object' });
    }
    const input = parseParams(Open311CreateRequestBody, body);
    this.checkJurisdiction(input.jurisdiction_id);
    const category = await findCategory(this.db, input.service_code);
    if (!category) throw notFound404('service_code', `no service "${input.service_code}"`);
    const ticketInput = toCreateTicket(input, category, lang);
    if (ticketInput.lat !== undefined && ticketInput.lon !== undefined) {
      await requireInCity(this.db, ticketInput.lat, ticketInput.lon);
    }
    const ticket = await this.tickets.create(OPEN311_ACTOR, ticketInput);
    if (!ticket.registrationNumber) throw new Error(`ticket ${ticket.id} was not registered`);
    const dueAt = ticket.resolveDueAt ? new Date(ticket.resolveDueAt) : null;
    return [
      {
        service_request_id: ticket.registrationNumber,
        service_notice: serviceNotice(dueAt, ticket.state, lang, this.cityTimeZone),
        account_id: null,
      },
    ];
  }

  private filters(q: Open311RequestsQuery) {
    const statuses = new Set(q.status ?? ['open', 'closed']);
    return {
      ...(q.service_code && { categoryIds: q.service_code }),
      ...(!statuses.has('closed') && { excludeStates: FINAL_TICKET_STATES }),
      ...(!statuses.has('open') && { states: FINAL_TICKET_STATES }),
      ...this.window(q.start_date, q.end_date),
    };
  }

  /** The requested-at window: what was asked, at most 90 days, the most recent 90 days by default. */
  private window(start: Date | undefined, end: Date | undefined): { from: Date; to?: Date } {
    const span = OPEN311_WINDOW_DAYS * DAY_MS;
    if (start && end) {
      if (start > end) throw invalid({ start_date: 'must not be after end_date' });
      if (end.getTime() - start.getTime() > span) {
        throw invalid({ end_date: `may be at most ${OPEN311_WINDOW_DAYS} days after start_date` });
      }
      return { from: start, to: end };
    }
    if (start) return { from: start, to: new Date(start.getTime() + span) };
    if (end) return { from: new Date(end.getTime() - span), to: end };
    return { from: new Date(this.clock().getTime() - span) };
  }

  private async idsOf(registrationNumber: string): Promise<number[]> {
    if (!REGISTRATION_NUMBER.test(registrationNumber)) return [];
    return listOpen311RequestIds(this.db, { registrationNumbers: [registrationNumber], limit: 1, offset: 0 });
  }

  /** Tickets by id in the order given, as requests, with their histories when asked. */
  private async load(
    ids: readonly number[],
    lang: ResidentLocale,
    extensions: boolean,
  ): Promise<Open311ServiceRequest[]> {
    if (!ids.length) return [];
    const [rows, ref, events] = await Promise.all([
      findTicketsByIds(this.db, ids),
      this.reference(),
      extensions ? listEventsOfTickets(this.db, ids) : Promise.resolve([]),
    ]);
    const byId = new Map(rows.map((t) => [t.id, t]));
    const histories = new Map<number, TicketEventRow[]>();
    for (const e of events) {
      const history = histories.get(e.ticket_id);
      if (history) history.push(e);
      else histories.set(e.ticket_id, [e]);
    }
    return ids
      .map((id) => byId.get(id))
      .filter((t): t is TicketRecord => t !== undefined)
      .map((t) => toServiceRequest(t, ref, lang, extensions ? (histories.get(t.id) ?? []) : undefined));
  }

  /** Categories (in display order) and agencies: small tables, read per request so changes show at once. */
  private async reference(): Promise<Open311Reference> {
    const [categories, agencies] = await Promise.all([listCategories(this.db), listAgencies(this.db)]);
    return {
      categories: new Map(categories.map((c) => [c.id, c])),
      agencies: new Map(agencies.map((a) => [a.id, a])),
      timeZone: this.cityTimeZone,
    };
  }
}
