/**
 * `2026-000123` as an operator reads it over the phone: the year, a dash, then the serial in groups of
 * three from the right ("2026 – 000 123", "2026 – 1 234 567"). Anything else is returned unchanged.
 */
export function readAloud(registrationNumber: string): string {
  const match = /^([0-9]{4})-([0-9]+)$/.exec(registrationNumber.trim());
  if (!match) return registrationNumber;
  const [, year, serial = ''] = match;
  const groups: string[] = [];
  for (let end = serial.length; end > 0; end -= 3) groups.unshift(serial.slice(Math.max(0, end - 3), end));
  return `${year} – ${groups.join(' ')}`;
}

const SERIAL_MIN_DIGITS = 6;
const SERIAL_MAX_DIGITS = 9;

/** The canonical form of a year and a serial; null for an empty, all-zero or too long serial. */
const canonical = (year: string, serial: string): string | null =>
  serial.length <= SERIAL_MAX_DIGITS && /[1-9]/.test(serial)
    ? `${year}-${serial.padStart(SERIAL_MIN_DIGITS, '0')}`
    : null;

/**
 * A registration number as a caller dictates it, in the canonical form: "2026-000123",
 * "2026 – 000 123", "2026000123", "2026-123", or just "123" (this year's). Null when it cannot be one.
 */
export function parseRegistrationNumber(typed: string, currentYear: number): string | null {
  const text = typed.trim();
  const split = /^([0-9]{4})\s*[-–—/]\s*([0-9][0-9\s]*)$/.exec(text);
  if (split) return canonical(split[1] ?? '', (split[2] ?? '').replace(/\s/g, ''));
  if (!/^[0-9][0-9\s]*$/.test(text)) return null;
  const digits = text.replace(/\s/g, '');
  if (digits.length <= SERIAL_MIN_DIGITS) return canonical(String(currentYear), digits);
  if (digits.length >= 4 + SERIAL_MIN_DIGITS && digits.length <= 4 + SERIAL_MAX_DIGITS)
    return canonical(digits.slice(0, 4), digits.slice(4));
  return null;
}
