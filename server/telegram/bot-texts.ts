import type { ResidentLocale } from '../contracts/common.contract.ts';

/** Everything the bot says, in one language. */
export interface BotTexts {
  /** The language's own name, on its button. */
  languageName: string;
  greeting: string;
  languageSet: string;
  categoryPrompt: string;
  categoryMatches: (query: string) => string;
  categoryNoMatch: (query: string) => string;
  locationPrompt: (category: string) => string;
  locationButton: string;
  outsideCity: string;
  addressLength: string;
  locationReceived: string;
  addressReceived: string;
  /** Above the places found for a typed address. */
  placeMatches: (query: string) => string;
  /** When the gazetteer knows no place for a typed address: how to ask better. */
  placeNotFound: (query: string) => string;
  keepTypedButton: string;
  placeChosen: (address: string) => string;
  photoPrompt: string;
  skipButton: string;
  photoReceived: string;
  photoExpected: string;
  descriptionPrompt: string;
  descriptionLength: (length: number) => string;
  confirmPrompt: string;
  summary: { category: string; location: string; photo: string; description: string };
  photoAttached: string;
  photoNone: string;
  sendButton: string;
  cancelButton: string;
  submitted: (registrationNumber: string) => string;
  submitFailed: string;
  cancelled: string;
  idle: string;
  help: string;
  statusUsage: string;
  statusMalformed: (text: string) => string;
  statusUnknown: (registrationNumber: string) => string;
  staleButton: string;
  failed: string;
}

// The one prompt shown in all three languages: the resident may not read the default one.
export const LANGUAGE_PROMPT = 'Выберите язык · Тілді таңдаңыз · Choose your language';

const TEXTS: Record<ResidentLocale, BotTexts> = {
  ru: {
    languageName: 'Русский',
    greeting:
      'Здравствуйте! Это iKomek 109 — единый контакт-центр Астаны. Здесь можно сообщить о проблеме в городе и узнать, как идёт работа по обращению.',
    languageSet: 'Язык: русский.',
    categoryPrompt: 'Что случилось? Выберите категорию или напишите слово для поиска, например «лифт».',
    categoryMatches: (q) => `Найдено по запросу «${q}»:`,
    categoryNoMatch: (q) => `По запросу «${q}» ничего не найдено. Выберите из списка:`,
    locationPrompt: (c) =>
      `Категория: ${c}.\nГде это? Отправьте геопозицию (кнопка ниже или 📎 → Геопозиция) или напишите адрес: улицу и номер дома или известное место.`,
    locationButton: '📍 Отправить геопозицию',
    outsideCity: 'Эта точка за пределами Астаны. Отправьте геопозицию в городе или напишите адрес.',
    addressLength: 'Напишите адрес (от 3 до 300 символов) или отправьте геопозицию.',
    locationReceived: 'Геопозиция получена.',
    addressReceived: 'Адрес получен.',
    placeMatches: (q) => `Нашлось по адресу «${q}». Выберите место — туда встанет точка обращения:`,
    placeNotFound: (q) =>
      `«${q}» не найдено на карте Астаны. Проверьте написание или напишите только улицу и номер дома, например «Кабанбай батыра 53», либо отправьте геопозицию кнопкой ниже. Можно и оставить адрес как написан.`,
    keepTypedButton: '✏️ Оставить как написано',
    placeChosen: (a) => `Место: ${a}.`,
    photoPrompt: 'Добавьте фото проблемы или нажмите «Пропустить».',
    skipButton: 'Пропустить',
    photoReceived: 'Фото получено.',
    photoExpected: 'Отправьте фото (как фотографию, не файлом) или нажмите «Пропустить».',
    descriptionPrompt: 'Опишите проблему в нескольких словах (от 3 до 2000 символов).',
    descriptionLength: (n) => `Описание должно быть от 3 до 2000 символов, сейчас ${n}. Напишите ещё раз.`,
    confirmPrompt: 'Проверьте обращение и нажмите «Отправить».',
    summary: { category: 'Категория', location: 'Место', photo: 'Фото', description: 'Описание' },
    photoAttached: 'приложено',
    photoNone: 'нет',
    sendButton: '✅ Отправить',
    cancelButton: '✖ Отменить',
    submitted: (n) => `Узнать статус в любое время: /status ${n}`,
    submitFailed: 'Не удалось зарегистрировать обращение. Попробуйте ещё раз или позвоните по номеру 109.',
    cancelled: 'Обращение отменено. Чтобы начать новое, отправьте /new.',
    idle: 'Чтобы сообщить о проблеме, отправьте /new. Чтобы узнать статус обращения — /status и его номер, например /status 2026-000123.',
    help: [
      'iKomek 109 — единый контакт-центр Астаны.',
      '/new — новое обращение',
      '/status <номер> — статус обращения (без номера — последнего вашего)',
      '/language — сменить язык',
      '/cancel — отменить обращение, которое вы заполняете',
      '/help — эта справка',
      'Срочно или опасно для жизни — звоните 109 или 112.',
    ].join('\n'),
    statusUsage: 'Отправьте номер обращения: /status 2026-000123',
    statusMalformed: (t) => `«${t}» — не номер обращения. Номера выглядят так: 2026-000123.`,
    statusUnknown: (n) => `Обращение № ${n} не найдено. Проверьте номер.`,
    staleButton: 'Эта кнопка из предыдущего шага.',
    failed: 'Извините, что-то пошло не так. Попробуйте ещё раз через минуту.',
  },
  kk: {
    languageName: 'Қазақша',
    greeting:
      'Сәлеметсіз бе! Бұл iKomek 109 — Астананың бірыңғай байланыс орталығы. Мұнда қаладағы мәселе туралы хабарлап, өтінішіңіздің барысын біле аласыз.',
    languageSet: 'Тіл: қазақша.',
    categoryPrompt: 'Не болды? Санатты таңдаңыз немесе іздеу үшін сөз жазыңыз, мысалы «лифт».',
    categoryMatches: (q) => `«${q}» сұрауы бойынша табылды:`,
    categoryNoMatch: (q) => `«${q}» сұрауы бойынша ештеңе табылмады. Тізімнен таңдаңыз:`,
    locationPrompt: (c) =>
      `Санат: ${c}.\nБұл қай жерде? Геопозицияны жіберіңіз (төмендегі батырма немесе 📎 → Геопозиция) немесе мекенжайды жазыңыз: көше мен үй нөмірін не белгілі орынды.`,
    locationButton: '📍 Геопозицияны жіберу',
    outsideCity: 'Бұл нүкте Астанадан тыс. Қала ішіндегі геопозицияны жіберіңіз немесе мекенжайды жазыңыз.',
    addressLength: 'Мекенжайды жазыңыз (3-тен 300 таңбаға дейін) немесе геопозицияны жіберіңіз.',
    locationReceived: 'Геопозиция алынды.',
    addressReceived: 'Мекенжай алынды.',
    placeMatches: (q) => `«${q}» мекенжайы бойынша табылды. Орынды таңдаңыз — өтініш нүктесі сонда қойылады:`,
    placeNotFound: (q) =>
      `«${q}» Астана картасынан табылмады. Жазылуын тексеріңіз немесе тек көше мен үй нөмірін жазыңыз, мысалы «Қабанбай батыр 53», не төмендегі батырмамен геопозицияны жіберіңіз. Мекенжайды жазылғандай қалдыруға да болады.`,
    keepTypedButton: '✏️ Жазылғандай қалдыру',
    placeChosen: (a) => `Орны: ${a}.`,
    photoPrompt: 'Мәселенің фотосуретін қосыңыз немесе «Өткізіп жіберу» батырмасын басыңыз.',
    skipButton: 'Өткізіп жіберу',
    photoReceived: 'Фотосурет алынды.',
    photoExpected: 'Фотосуретті жіберіңіз (файл ретінде емес) немесе «Өткізіп жіберу» батырмасын басыңыз.',
    descriptionPrompt: 'Мәселені бірнеше сөзбен сипаттаңыз (3-тен 2000 таңбаға дейін).',
    descriptionLength: (n) => `Сипаттама 3-тен 2000 таңбаға дейін болуы керек, қазір ${n}. Қайта жазыңыз.`,
    confirmPrompt: 'Өтінішті тексеріп, «Жіберу» батырмасын басыңыз.',
    summary: { category: 'Санат', location: 'Орны', photo: 'Фотосурет', description: 'Сипаттама' },
    photoAttached: 'қоса берілді',
    photoNone: 'жоқ',
    sendButton: '✅ Жіберу',
    cancelButton: '✖ Бас тарту',
    submitted: (n) => `Мәртебесін кез келген уақытта білуге болады: /status ${n}`,
    submitFailed: 'Өтінішті тіркеу мүмкін болмады. Қайталап көріңіз немесе 109 нөміріне қоңырау шалыңыз.',
    cancelled: 'Өтініштен бас тартылды. Жаңасын бастау үшін /new жіберіңіз.',
    idle: 'Мәселе туралы хабарлау үшін /new жіберіңіз. Өтініш мәртебесін білу үшін — /status және оның нөмірі, мысалы /status 2026-000123.',
    help: [
      'iKomek 109 — Астананың бірыңғай байланыс орталығы.',
      '/new — жаңа өтініш',
      '/status <нөмір> — өтініш мәртебесі (нөмірсіз — соңғы өтінішіңіз)',
      '/language — тілді ауыстыру',
      '/cancel — толтырып жатқан өтініштен бас тарту',
      '/help — осы анықтама',
      'Шұғыл немесе өмірге қауіпті болса — 109 немесе 112 нөміріне қоңырау шалыңыз.',
    ].join('\n'),
    statusUsage: 'Өтініш нөмірін жіберіңіз: /status 2026-000123',
    statusMalformed: (t) => `«${t}» — өтініш нөмірі емес. Нөмірлер былай жазылады: 2026-000123.`,
    statusUnknown: (n) => `№ ${n} өтініш табылмады. Нөмірді тексеріңіз.`,
    staleButton: 'Бұл батырма алдыңғы қадамнан.',
    failed: 'Кешіріңіз, бірдеңе дұрыс болмады. Бір минуттан кейін қайталап көріңіз.',
  },
  en: {
    languageName: 'English',
    greeting:
      "Hello! This is iKomek 109, Astana's city appeal centre. Here you can report a problem in the city and follow how your appeal is handled.",
    languageSet: 'Language: English.',
    categoryPrompt:
      'What is the problem? Choose a category, or type a word to search for, such as "elevator".',
    categoryMatches: (q) => `Categories matching "${q}":`,
    categoryNoMatch: (q) => `Nothing matches "${q}". Choose from the list:`,
    locationPrompt: (c) =>
      `Category: ${c}.\nWhere is it? Share a location (the button below, or 📎 → Location), or type the address: the street and house number, or a landmark.`,
    locationButton: '📍 Share my location',
    outsideCity: 'That point is outside Astana. Share a location in the city, or type the address.',
    addressLength: 'Type the address (3 to 300 characters), or share a location.',
    locationReceived: 'Location received.',
    addressReceived: 'Address received.',
    placeMatches: (q) => `Places matching "${q}". Choose one and the appeal is pinned there:`,
    placeNotFound: (q) =>
      `"${q}" was not found on the map of Astana. Check the spelling, or type just the street and house number, such as "Kabanbay Batyr 53", or share your location with the button below. You can also keep the address as typed.`,
    keepTypedButton: '✏️ Keep it as typed',
    placeChosen: (a) => `Place: ${a}.`,
    photoPrompt: 'Add a photo of the problem, or tap "Skip".',
    skipButton: 'Skip',
    photoReceived: 'Photo received.',
    photoExpected: 'Send a photo (as a photo, not as a file), or tap "Skip".',
    descriptionPrompt: 'Describe the problem in a few words (3 to 2000 characters).',
    descriptionLength: (n) =>
      `The description must be 3 to 2000 characters long; this one has ${n}. Try again.`,
    confirmPrompt: 'Check your appeal and tap "Send".',
    summary: { category: 'Category', location: 'Place', photo: 'Photo', description: 'Description' },
    photoAttached: 'attached',
    photoNone: 'none',
    sendButton: '✅ Send',
    cancelButton: '✖ Cancel',
    submitted: (n) => `Check its status any time: /status ${n}`,
    submitFailed: 'The appeal could not be registered. Please try again, or call 109.',
    cancelled: 'The appeal was cancelled. Send /new to start a new one.',
    idle: 'To report a problem, send /new. To check an appeal, send /status and its number, such as /status 2026-000123.',
    help: [
      "iKomek 109, Astana's city appeal centre.",
      '/new — a new appeal',
      '/status <number> — the status of an appeal (without a number: your latest)',
      '/language — change the language',
      '/cancel — drop the appeal you are filling in',
      '/help — this help',
      'Urgent or dangerous to life: call 109 or 112.',
    ].join('\n'),
    statusUsage: 'Send the registration number: /status 2026-000123',
    statusMalformed: (t) => `"${t}" is not a registration number; they look like 2026-000123.`,
    statusUnknown: (n) => `No appeal No. ${n} was found. Please check the number.`,
    staleButton: 'That button belongs to an earlier step.',
    failed: 'Sorry, something went wrong. Please try again in a minute.',
  },
};

/** The bot's texts in `lang`. */
export const botTextsIn = (lang: ResidentLocale): BotTexts => TEXTS[lang];

/**
 * The language to greet a resident in, from their Telegram app's language: Kazakh and English as
 * such, Russian otherwise (the centre's working language, and the one most residents read).
 */
export function localeFromLanguageCode(code: string | null): ResidentLocale {
  const primary = code?.toLowerCase().split('-')[0];
  return primary === 'kk' ? 'kk' : primary === 'en' ? 'en' : 'ru';
}
