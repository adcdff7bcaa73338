import type { AgencyRow, CategoryRow } from '../../db/queries/reference.ts';
import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import type { TicketRecord } from '../../db/queries/tickets.ts';
import { FINAL_TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import type { Open311Note, Open311Service, Open311ServiceRequest } from './open311.contract.ts';
import type { ResidentLocale } from '../contracts/common.contract.ts';
import { formatCityTime, nameIn, noteLabel, textsIn } from '../i18n/resident-texts.ts';

/** Categories and agencies by id, and the city's time zone: what a request needs to be described. */
export interface Open311Reference {
  categories: ReadonlyMap<string, CategoryRow>;
  agencies: ReadonlyMap<string, AgencyRow>;
  timeZone: string;
}

const w3 = (d: Date) => d.toISOString();
const isFinal = (state: string) => (FINAL_TICKET_STATES as readonly string[]).includes(state);

/** What to expect of an open request: its resolution deadline in city time (none once it is closed). */
export function serviceNotice(
  resolveDueAt: Date | null,
  state: string,
  lang: ResidentLocale,
  timeZone: string,
): string | null {
  if (!resolveDueAt || isFinal(state)) return null;
  return textsIn(lang).notice(formatCityTime(resolveDueAt, lang, timeZone));
}

/** The group a service is listed under: the agency that handles it, or the district akimats. */
function serviceGroup(category: CategoryRow, ref: Open311Reference, lang: ResidentLocale): string {
  const agency = category.default_agency_id ? ref.agencies.get(category.default_agency_id) : undefined;
  return agency && !category.route_to_district_akimat ? nameIn(agency, lang) : textsIn(lang).districtAkimat;
}

/** Search words: the category's names in all three languages, split at commas and brackets. */
function serviceKeywords(category: CategoryRow): string {
  const words = [category.name_ru, category.name_kk, category.name_en]
    .flatMap((name) => name.split(/[,()]/))
    .map((w) => w.trim())
    .filter(Boolean);
  return [...new Set(words)].join(', ');
}

/** A category as an Open311 service; no category asks for extra attributes, so `metadata` is false. */
export function toService(
  category: CategoryRow,
  ref: Open311Reference,
  lang: ResidentLocale,
): Open311Service {
  const group = serviceGroup(category, ref, lang);
  const t = textsIn(lang);
  return {
    service_code: category.id,
    service_name: nameIn(category, lang),
    description: `${t.handledBy(group)} ${t.priority(t.priorities[category.priority])}`,
    metadata: false,
    type: 'realtime',
    keywords: serviceKeywords(category),
    group,
  };
}

/** Why the request is where it is, in the words of whoever moved it there. */
function statusNotes(t: TicketRecord): string | null {
  const c = t.snapshot.context;
  switch (t.state) {
    case 'resolved':
    case 'closed':
      return c.resolution;
    case 'closed_first_contact':
      return c.firstContactAnswer;
    case 'cancelled':
      return c.cancelReason;
    case 'on_hold':
      return c.holdReason;
    default:
      return null;
  }
}

/**
 * A registered ticket as a public service request. Never the resident's name, phone or e-mail;
 * with `history`, the detailed state and the public notes of its timeline (`extensions=true`).
 */
export function toServiceRequest(
  t: TicketRecord,
  ref: Open311Reference,
  lang: ResidentLocale,
  history?: readonly TicketEventRow[],
): Open311ServiceRequest {
  const category = ref.categories.get(t.categoryId);
  const agency = t.agencyId ? ref.agencies.get(t.agencyId) : undefined;
  return {
    service_request_id: t.registrationNumber ?? String(t.id),
    status: isFinal(t.state) ? 'closed' : 'open',
    status_notes: statusNotes(t),
    service_name: category ? nameIn(category, lang) : t.categoryId,
    service_code: t.categoryId,
    description: t.description,
    agency_responsible: agency ? nameIn(agency, lang) : null,
    service_notice: serviceNotice(t.resolveDueAt, t.state, lang, ref.timeZone),
    requested_datetime: w3(t.createdAt),
    updated_datetime: w3(t.updatedAt),
    expected_datetime: t.resolveDueAt ? w3(t.resolveDueAt) : null,
    address: t.address,
    address_id: null,
    zipcode: null,
    lat: t.lat,
    long: t.lon,
    media_url: null,
    ...(history && {
      extended_attributes: { detailed_status: t.state, channel: t.channel },
      notes: history.flatMap((e) => toNote(e, ref, lang) ?? []),
    }),
  };
}

/**
 * One event of the timeline as a public note. Comments are internal and left out, and so is the
 * wording of a resident's dispute (it may name them); what agencies and operators say about
 * the work (assignee, hold reason, resolution, answer, cancel or return reason) is public.
 */
export function toNote(e: TicketEventRow, ref: Open311Reference, lang: ResidentLocale): Open311Note | null {
  if (e.type === 'ticket.comment') return null;
  const type = e.type.startsWith('ticket.') ? e.type.slice('ticket.'.length) : 'timer';
  const label = noteLabel(type, e.to_state, lang);
  const detail = noteDetail(type, e.payload, ref, lang);
  return {
    datetime: w3(e.created_at),
    type,
    status: e.to_state,
    description: detail ? `${label}: ${detail}` : label,
  };
}

// The payload field that carries an event's public detail.
const DETAIL_FIELDS: Readonly<Record<string, string>> = {
  assign: 'agencyId',
  hold: 'reason',
  resolve: 'resolution',
  cancel: 'reason',
  reject: 'reason',
  close_first_contact: 'answer',
};

function noteDetail(
  type: string,
  payload: Record<string, unknown>,
  ref: Open311Reference,
  lang: ResidentLocale,
): string | null {
  const field = DETAIL_FIELDS[type];
  const value = field ? payload[field] : undefined;
  if (typeof value !== 'string') return null;
  if (type !== 'assign') return value;
  const agency = ref.agencies.get(value);
  return agency ? nameIn(agency, lang) : value;
}
