import type { CategoryRow } from '../../db/queries/reference.ts';
import type { ResidentLocale } from '../contracts/common.contract.ts';
import type { TicketState } from '../../workflows/ticket/ticket.types.ts';

/** A row with a name in each language, as reference tables store it. */
export interface NamedRow {
  name_ru: string;
  name_kk: string;
  name_en: string;
}

/** The row's name in `lang`. */
export const nameIn = (row: NamedRow, lang: ResidentLocale) =>
  lang === 'kk' ? row.name_kk : lang === 'en' ? row.name_en : row.name_ru;

interface Texts {
  /** The locale dates are written in. */
  locale: string;
  notice: (dueAt: string) => string;
  handledBy: (agency: string) => string;
  priority: (level: string) => string;
  priorities: Record<CategoryRow['priority'], string>;
  districtAkimat: string;
  contact: string;
  keyService: string;
  /** By state; a state added to the machine later reads as its id until it is named here. */
  states: Readonly<Record<string, string>>;
  events: Record<string, string>;
}

const TEXTS: Record<ResidentLocale, Texts> = {
  ru: {
    locale: 'ru-RU',
    notice: (dueAt) => `Плановый срок решения — ${dueAt} (время Астаны).`,
    handledBy: (agency) => `Исполнитель: ${agency}.`,
    priority: (level) => `Приоритет: ${level}.`,
    priorities: { emergency: 'экстренный', high: 'высокий', normal: 'обычный', low: 'низкий' },
    districtAkimat: 'Аппарат акима района',
    contact: 'Единый контакт-центр iKomek 109 города Астаны: телефон 109.',
    keyService: 'Ключ API выдаёт администратор Komek (POST /api/open311-keys).',
    states: {
      received: 'Получено',
      registered: 'Зарегистрировано',
      assigned: 'Передано исполнителю',
      accepted: 'Принято исполнителем',
      in_progress: 'В работе',
      on_hold: 'Приостановлено',
      merged: 'Объединено с инцидентом',
      resolved: 'Решено',
      closed: 'Закрыто',
      closed_first_contact: 'Закрыто при обращении',
      cancelled: 'Отменено',
    },
    events: {
      create: 'Обращение получено',
      register: 'Зарегистрировано',
      close_first_contact: 'Закрыто при обращении',
      assign: 'Передано исполнителю',
      accept: 'Принято исполнителем',
      reject: 'Возвращено исполнителем как не своё',
      start: 'Взято в работу',
      hold: 'Приостановлено',
      resume: 'Работа возобновлена',
      resolve: 'Решено',
      reopen: 'Открыто повторно по жалобе заявителя',
      close: 'Закрыто',
      cancel: 'Отменено',
      'timer.closed': 'Закрыто автоматически: срок подтверждения истёк',
    },
  },
  kk: {
    locale: 'kk-KZ',
    notice: (dueAt) => `Шешудің жоспарлы мерзімі — ${dueAt} (Астана уақыты).`,
    handledBy: (agency) => `Орындаушы: ${agency}.`,
    priority: (level) => `Басымдығы: ${level}.`,
    priorities: { emergency: 'төтенше', high: 'жоғары', normal: 'қалыпты', low: 'төмен' },
    districtAkimat: 'Аудан әкімінің аппараты',
    contact: 'Астана қаласының iKomek 109 бірыңғай байланыс орталығы: 109 телефоны.',
    keyService: 'API кілтін Komek әкімшісі береді (POST /api/open311-keys).',
    states: {
      received: 'Қабылданды',
      registered: 'Тіркелді',
      assigned: 'Орындаушыға берілді',
      accepted: 'Орындаушы қабылдады',
      in_progress: 'Жұмыста',
      on_hold: 'Уақытша тоқтатылды',
      merged: 'Оқиғамен біріктірілді',
      resolved: 'Шешілді',
      closed: 'Жабылды',
      closed_first_contact: 'Өтініш кезінде жабылды',
      cancelled: 'Бас тартылды',
    },
    events: {
      create: 'Өтініш қабылданды',
      register: 'Тіркелді',
      close_first_contact: 'Өтініш кезінде жабылды',
      assign: 'Орындаушыға берілді',
      accept: 'Орындаушы қабылдады',
      reject: 'Орындаушы өзінікі емес деп қайтарды',
      start: 'Жұмысқа алынды',
      hold: 'Уақытша тоқтатылды',
      resume: 'Жұмыс жалғастырылды',
      resolve: 'Шешілді',
      reopen: 'Өтініш берушінің шағымы бойынша қайта ашылды',
      close: 'Жабылды',
      cancel: 'Бас тартылды',
      'timer.closed': 'Автоматты түрде жабылды: растау мерзімі аяқталды',
    },
  },
  en: {
    locale: 'en-GB',
    notice: (dueAt) => `Expected to be resolved by ${dueAt} (Astana time).`,
    handledBy: (agency) => `Handled by ${agency}.`,
    priority: (level) => `Priority: ${level}.`,
    priorities: { emergency: 'emergency', high: 'high', normal: 'normal', low: 'low' },
    districtAkimat: "District akim's office",
    contact: "Astana's city appeal centre iKomek 109: call 109.",
    keyService: 'API keys are issued by a Komek administrator (POST /api/open311-keys).',
    states: {
      received: 'Received',
      registered: 'Registered',
      assigned: 'Assigned',
      accepted: 'Accepted',
      in_progress: 'In progress',
      on_hold: 'On hold',
      merged: 'Merged into an incident',
      resolved: 'Resolved',
      closed: 'Closed',
      closed_first_contact: 'Closed on first contact',
      cancelled: 'Cancelled',
    },
    events: {
      create: 'Appeal received',
      register: 'Registered',
      close_first_contact: 'Closed on first contact',
      assign: 'Assigned',
      accept: 'Accepted by agency',
      reject: 'Returned by agency as not theirs',
      start: 'Work started',
      hold: 'Put on hold',
      resume: 'Work resumed',
      resolve: 'Resolved',
      reopen: "Reopened after resident's complaint",
      close: 'Closed',
      cancel: 'Cancelled',
      'timer.closed': 'Closed automatically: confirmation window ended',
    },
  },
};

/** The texts of one language. */
export const textsIn = (lang: ResidentLocale): Texts => TEXTS[lang];

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A moment as people in the city read it: date and time in the city's zone, in `lang`. */
export function formatCityTime(at: Date, lang: ResidentLocale, timeZone: string): string {
  const key = `${lang} ${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(TEXTS[lang].locale, { timeZone, dateStyle: 'long', timeStyle: 'short' });
    dateFormats.set(key, format);
  }
  return format.format(at);
}

/**
 * The label of a history note: what happened (`type` is the event without its `ticket.` prefix,
 * `timer` for the engine's own delayed events), or else the state it led to, so an event type
 * added later still reads sensibly.
 */
export function noteLabel(type: string, toState: TicketState, lang: ResidentLocale): string {
  const t = TEXTS[lang];
  return t.events[type === 'timer' ? `timer.${toState}` : type] ?? t.states[toState] ?? toState;
}
