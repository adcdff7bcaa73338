import type { PublicReport } from '../contracts/public.contract.ts';
import { CreateTicket } from '../contracts/ticket.contract.ts';
import { invalid, issuesToFields } from '../errors.ts';

// The report's field behind each ticket field, so the ticket's own rules name what the resident typed.
const FIELD_OF: Readonly<Record<string, string>> = { reporterName: 'name', reporterPhone: 'phone' };
const MAX_REPORTER_NAME = 200;

/** "Aigerim Bekova <a@example.kz>": the name and e-mail, for staff only (the ticket has one field for both). */
function reporterName(r: PublicReport): string | undefined {
  if (!r.email) return r.name;
  const full = r.name ? `${r.name} <${r.email}>` : `<${r.email}>`;
  if (full.length > MAX_REPORTER_NAME) {
    throw invalid({ email: `together with the name must be at most ${MAX_REPORTER_NAME - 3} characters` });
  }
  return full;
}

/**
 * The ticket a resident's report becomes, on the `web` channel, checked by the same rules as every
 * other new ticket (lengths, text, phone format); refusals name the report's fields.
 */
export function toCreateTicket(r: PublicReport): CreateTicket {
  const name = reporterName(r);
  const result = CreateTicket.safeParse({
    categoryId: r.categoryId,
    channel: 'web',
    description: r.description,
    ...(r.lat !== undefined && { lat: r.lat }),
    ...(r.lon !== undefined && { lon: r.lon }),
    ...(r.address !== undefined && { address: r.address }),
    ...(name !== undefined && { reporterName: name }),
    ...(r.phone !== undefined && { reporterPhone: r.phone }),
  });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(issuesToFields(result.error.issues))) {
    fields[FIELD_OF[path] ?? path] ??= message;
  }
  throw invalid(fields);
}
