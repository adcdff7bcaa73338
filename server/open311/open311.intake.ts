import type { CategoryRow } from '../../db/queries/reference.ts';
import { CreateTicket } from '../contracts/ticket.contract.ts';
import { invalid, issuesToFields } from '../errors.ts';
import type { Open311CreateRequestBody } from './open311.contract.ts';
import type { ResidentLocale } from '../contracts/common.contract.ts';
import { nameIn } from '../i18n/resident-texts.ts';

// Where each ticket field came from, so the ticket's own validation names the Open311 parameter.
const PARAMETER_OF: Readonly<Record<string, string>> = {
  categoryId: 'service_code',
  description: 'description',
  lat: 'lat',
  lon: 'long',
  address: 'address_string',
  reporterName: 'first_name',
  reporterPhone: 'phone',
};

/** "Aigerim Bekova <a@example.kz>": who reported it, for staff only (never published). */
function reporterName(b: Open311CreateRequestBody): string | undefined {
  const name = [b.first_name, b.last_name].filter(Boolean).join(' ');
  const full = b.email ? `${name} <${b.email}>`.trim() : name;
  return full || undefined;
}

/**
 * The ticket an Open311 request becomes, checked by the same rules as every other new ticket
 * (lengths, text, phone format). Without a description the service's name stands in; an
 * address_id without an address is kept as the address, so the operator still sees it.
 */
export function toCreateTicket(
  b: Open311CreateRequestBody,
  category: CategoryRow,
  lang: ResidentLocale,
): CreateTicket {
  const address = b.address_string ?? (b.address_id === undefined ? undefined : `address_id ${b.address_id}`);
  const result = CreateTicket.safeParse({
    categoryId: category.id,
    channel: 'open311',
    description: b.description ?? nameIn(category, lang),
    ...(b.lat !== undefined && { lat: b.lat }),
    ...(b.long !== undefined && { lon: b.long }),
    ...(address !== undefined && { address }),
    ...(reporterName(b) !== undefined && { reporterName: reporterName(b) }),
    ...(b.phone !== undefined && { reporterPhone: b.phone }),
  });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(issuesToFields(result.error.issues))) {
    const field = path === 'address' && b.address_string === undefined ? 'address_id' : PARAMETER_OF[path];
    fields[field ?? path] ??= message;
  }
  throw invalid(fields);
}
