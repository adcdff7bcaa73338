/** The fewest digits a caller's number needs before their earlier appeals are looked up (the server's rule). */
export const LOOKUP_MIN_DIGITS = 10;
/** The most digits an international number has (E.164). */
export const LOOKUP_MAX_DIGITS = 15;

/** Only the digits of a phone number as typed ("+7 (701) 555-12-34" → "77015551234"). */
export const phoneDigits = (typed: string): string => typed.replace(/[^0-9]/g, '');

/** Whether the number is complete enough to look the caller's earlier appeals up. */
export function isLookupPhone(typed: string): boolean {
  const count = phoneDigits(typed).length;
  return count >= LOOKUP_MIN_DIGITS && count <= LOOKUP_MAX_DIGITS;
}

// The shape CreateTicket accepts for reporterPhone.
const TICKET_PHONE = /^\+?[0-9 ()-]{5,20}$/;

/**
 * The number as it goes on the appeal: trimmed when the server will take it, else undefined (the
 * appeal is still registered, just without a callback number).
 */
export function phoneForTicket(typed: string): string | undefined {
  const trimmed = typed.trim();
  return TICKET_PHONE.test(trimmed) && phoneDigits(trimmed).length >= 5 ? trimmed : undefined;
}
