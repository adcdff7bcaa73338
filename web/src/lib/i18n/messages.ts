import { en } from './en/index.ts';
import { kk } from './kk/index.ts';
import { ru, type MessageKey, type Messages } from './ru/index.ts';

export type { MessageKey, Messages };

/** The interface languages, default first. */
export const LOCALES = ['ru', 'kk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Every dictionary, by locale. */
export const DICTIONARIES: Readonly<Record<Locale, Messages>> = { ru, kk, en };

/**
 * BCP 47 tags for Intl's numeric dates and times: en-GB keeps the 24-hour clock a control room
 * expects; Kazakh uses the same dd.MM.yyyy HH:mm as Russian, and ru-KZ avoids browsers whose Kazakh
 * calendar data is missing (they print "2026-11-26" or "M11").
 */
export const INTL_TAGS: Readonly<Record<Locale, string>> = { ru: 'ru-RU', kk: 'ru-KZ', en: 'en-GB' };

/** Values a message may interpolate. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Replaces `{name}` placeholders; an unknown placeholder stays visible so the gap is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The placeholder names a template uses, sorted (for the dictionary test). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** Whether `value` names a supported locale. */
export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Whether `key` is a message key (for keys built from data, such as `state.${ticket.state}`). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(ru, key);

// The server's zod messages are English; the common ones are shown in the user's language.
const VALIDATION_KEYS: ReadonlyArray<[RegExp, MessageKey]> = [
  [/^(must not be empty|is required)/, 'validation.required'],
  [/phone number/, 'validation.phone'],
  [/a location .* or an address is required/, 'validation.locationOrAddress'],
  [/lat and lon come together/, 'validation.latLonTogether'],
  [/expected number/i, 'validation.number'],
  [/ISO date-time/, 'validation.dateTime'],
];

/** The message key for a server field error, or null when it should be shown as sent. */
export function validationKey(serverMessage: string): MessageKey | null {
  return VALIDATION_KEYS.find(([pattern]) => pattern.test(serverMessage))?.[1] ?? null;
}
