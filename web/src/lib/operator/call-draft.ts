import type { Priority } from '#contracts/reference.contract.ts';
import type { CreateTicket } from '#contracts/ticket.contract.ts';
import { phoneForTicket } from './phone.ts';

/** Priorities as the picker offers them, most urgent first (the server's PRIORITIES). */
export const PRIORITY_OPTIONS: readonly Priority[] = ['emergency', 'high', 'normal', 'low'];

/** What the operator has typed for the appeal of the call in progress. */
export interface CallFields {
  phone: string;
  name: string;
  categoryId: string;
  priority: Priority | null;
  description: string;
  address: string;
  lat: number | null;
  lon: number | null;
}

/** An empty call. */
export const EMPTY_CALL: Readonly<CallFields> = {
  phone: '',
  name: '',
  categoryId: '',
  priority: null,
  description: '',
  address: '',
  lat: null,
  lon: null,
};

/** A field the operator still has to fill, with the message key that says so. */
export interface MissingField {
  field: 'categoryId' | 'description' | 'address';
  key: 'validation.required' | 'validation.locationOrAddress';
}

/**
 * What is missing before the appeal can go (the server's own rules, checked here so the operator's
 * focus lands on the field at once). `fallbackDescription` stands in for an empty description: closing
 * with a standard answer names the question by the answer's title.
 */
export function missingFields(call: CallFields, fallbackDescription = ''): MissingField[] {
  const missing: MissingField[] = [];
  if (!call.categoryId) missing.push({ field: 'categoryId', key: 'validation.required' });
  if (!call.description.trim() && !fallbackDescription.trim())
    missing.push({ field: 'description', key: 'validation.required' });
  if (!call.address.trim() && (call.lat === null || call.lon === null))
    missing.push({ field: 'address', key: 'validation.locationOrAddress' });
  return missing;
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * The POST /api/tickets body for the call. The priority is sent only when the operator changed the
 * category's usual one; with `answer` the appeal is closed on first contact.
 */
export function toCreateTicket(
  call: CallFields,
  options: { categoryPriority?: Priority; answer?: string; fallbackDescription?: string } = {},
): CreateTicket {
  const hasPoint = call.lat !== null && call.lon !== null;
  return {
    categoryId: call.categoryId,
    channel: 'phone',
    description: call.description.trim() || (options.fallbackDescription ?? '').trim(),
    ...(hasPoint && { lat: call.lat ?? undefined, lon: call.lon ?? undefined }),
    ...(optional(call.address) && { address: optional(call.address) }),
    ...(call.priority && call.priority !== options.categoryPriority && { priority: call.priority }),
    ...(optional(call.name) && { reporterName: optional(call.name) }),
    ...(phoneForTicket(call.phone) && { reporterPhone: phoneForTicket(call.phone) }),
    ...(optional(options.answer ?? '') && { firstContactAnswer: optional(options.answer ?? '') }),
  };
}

/** The nearby-duplicates question for the call, once it has a category and a point. */
export function nearbyQuery(
  call: Pick<CallFields, 'categoryId' | 'lat' | 'lon'>,
): { categoryId: string; lat: number; lon: number } | null {
  if (!call.categoryId || call.lat === null || call.lon === null) return null;
  return { categoryId: call.categoryId, lat: call.lat, lon: call.lon };
}
