import type { LocalizedName } from '#contracts/common.contract.ts';
import { kazakhLongDate } from './calendar.ts';
import {
  DICTIONARIES,
  INTL_TAGS,
  interpolate,
  isLocale,
  isMessageKey,
  validationKey,
  type Locale,
  type MessageKey,
  type MessageParams,
} from './messages.ts';

export { LOCALES, type Locale, type MessageKey } from './messages.ts';

const STORAGE_KEY = 'komek.locale';
const DEFAULT_TIME_ZONE = 'Asia/Almaty';

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'ru';
  } catch {
    return 'ru';
  }
}

/**
 * The user's language and the city's time zone: every string and every date on screen goes
 * through here, so switching the locale re-renders all of them.
 */
class I18n {
  locale = $state<Locale>(storedLocale());
  /** The city's IANA zone from /api/settings: operators read times as the city lives them. */
  timeZone = $state(DEFAULT_TIME_ZONE);
  #formats = new Map<string, Intl.DateTimeFormat>();

  /** Switches the language and remembers it in this browser. */
  setLocale(locale: Locale): void {
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode or a locked-down kiosk: the choice lasts for this page only.
    }
  }

  /** The message for `key` in the current language. */
  t = (key: MessageKey, params?: MessageParams): string =>
    interpolate(DICTIONARIES[this.locale][key], params);

  /** A message whose key is built from data; falls back to the raw value for unknown ones. */
  tKey = (key: string, fallback: string, params?: MessageParams): string =>
    isMessageKey(key) ? this.t(key, params) : fallback;

  /** A reference-data name in the current language. */
  name = (name: LocalizedName | null | undefined): string =>
    name ? name[this.locale] : this.t('common.none');

  /** A server field error in the current language when it is a common one. */
  fieldError = (serverMessage: string): string => {
    const key = validationKey(serverMessage);
    return key ? this.t(key) : serverMessage;
  };

  /** A count with the language's digit grouping. */
  number = (value: number): string => value.toLocaleString(INTL_TAGS[this.locale]);

  /** HH:MM:SS in the city. */
  time = (at: Date | string | null): string =>
    this.#format(at, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  /** HH:MM in the city. */
  shortTime = (at: Date | string | null): string => this.#format(at, { hour: '2-digit', minute: '2-digit' });

  /** Date and time (to the minute) in the city. */
  dateTime = (at: Date | string | null): string =>
    this.#format(at, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });

  /** The long date for the wallboard header. */
  longDate = (at: Date): string =>
    this.locale === 'kk'
      ? kazakhLongDate(at, this.timeZone)
      : this.#format(at, { weekday: 'long', day: 'numeric', month: 'long' });

  #format(at: Date | string | null, options: Intl.DateTimeFormatOptions): string {
    if (at === null) return this.t('common.none');
    const key = `${this.locale}|${this.timeZone}|${JSON.stringify(options)}`;
    let format = this.#formats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(INTL_TAGS[this.locale], {
        ...options,
        timeZone: this.timeZone,
        hourCycle: 'h23',
      });
      this.#formats.set(key, format);
    }
    return format.format(typeof at === 'string' ? new Date(at) : at);
  }
}

/** The one I18n instance of the app. */
export const i18n = new I18n();
/** Shorthand for `i18n.t`, for templates. */
export const t = i18n.t;
