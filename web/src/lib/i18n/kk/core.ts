import type { CoreMessages } from '../ru/core.ts';

/** Shared by every screen: the app frame, sign-in, roles, states, channels, errors. */
export const core: CoreMessages = {
  'app.name': 'Көмек 109',
  'app.tagline': 'Астана қаласы әкімдігінің бірыңғай байланыс орталығы',
  'app.loading': 'Жүктелуде…',
  'app.skipToContent': 'Мазмұнға өту',

  'nav.main': 'Негізгі навигация',
  'nav.tickets': 'Өтініштер',
  'nav.wallboard': 'Табло',
  'nav.logout': 'Шығу',
  'nav.language': 'Тіл',
  'nav.signedInAs': 'Сіз {name} ретінде кірдіңіз, {role}',

  'locale.ru': 'Русский',
  'locale.kk': 'Қазақша',
  'locale.en': 'English',

  'role.admin': 'әкімші',
  'role.supervisor': 'ауысым жетекшісі',
  'role.operator': 'оператор',
  'role.agency': 'орындаушы',
  'role.display': 'табло',
  'role.system': 'жүйе',
  'role.simulator': 'симулятор',

  'state.received': 'Қабылданды',
  'state.registered': 'Тіркелді',
  'state.assigned': 'Орындаушыға берілді',
  'state.accepted': 'Орындаушы қабылдады',
  'state.in_progress': 'Жұмыста',
  'state.on_hold': 'Уақытша тоқтатылды',
  'state.merged': 'Оқиғамен біріктірілді',
  'state.resolved': 'Шешілді',
  'state.closed': 'Жабылды',
  'state.closed_first_contact': 'Өтініш кезінде жабылды',
  'state.cancelled': 'Бас тартылды',
  'state.overdue': 'Мерзімі өтті',

  'channel.phone': '109 телефоны',
  'channel.telegram': 'Telegram',
  'channel.social': 'Әлеуметтік желілер',
  'channel.web': 'Сайт',
  'channel.open311': 'Open311',

  'login.title': 'Жүйеге кіру',
  'login.username': 'Пайдаланушы аты',
  'login.password': 'Құпиясөз',
  'login.submit': 'Кіру',
  'login.submitting': 'Кіру…',

  'common.all': 'Барлығы',
  'common.choose': 'Таңдаңыз…',
  'common.none': '—',
  'common.cancel': 'Болдырмау',
  'common.send': 'Жіберу',
  'common.sending': 'Жіберілуде…',
  'common.retry': 'Қайталау',
  'common.loadMore': 'Тағы көрсету',
  'common.reset': 'Тазарту',
  'common.home': 'Басты бетке',
  'common.close': 'Жабу',

  'error.network': 'Сервер қолжетімсіз. Байланысты тексеріп, қайталаңыз.',
  'error.generic': 'Бірдеңе дұрыс болмады: {message}',
  'error.invalid_credentials': 'Пайдаланушы аты немесе құпиясөз қате.',
  'error.unauthenticated': 'Сеанс аяқталды. Қайта кіріңіз.',
  'error.forbidden': 'Сіздің рөліңіз бұл әрекетті орындауға рұқсат бермейді.',
  'error.not_found': 'Өтініш табылмады немесе сізге қолжетімсіз.',
  'error.page_not_found': 'Мұндай бет жоқ.',
  'error.invalid_request': 'Белгіленген өрістерді тексеріңіз.',
  'error.unknown_reference': 'Таңдалған мән енді жоқ. Бетті жаңартыңыз.',
  'error.incident_not_open':
    'Бұл өтінішке біріктіруге болмайды: ол өзі біріктірілген, шешілген немесе жабылған. Әлі жұмыста тұрған оқиғаны көрсетіңіз.',
  'error.has_merged_tickets': 'Бұл өтінішке басқалары біріктірілген: ол өзі оқиға, оны біріктіруге болмайды.',
  'error.conflict':
    'Бұл өтінішті біреу өзгертіп үлгерді; қазір оның мәртебесі «{state}». Деректер жаңартылды — тексеріп, қайталаңыз.',

  'validation.required': 'Бұл өрісті толтырыңыз.',
  'validation.phone': 'Телефонды енгізіңіз, мысалы +7 701 123 45 67.',
  'validation.locationOrAddress': 'Мекенжайды немесе картадағы орынды көрсетіңіз.',
  'validation.latLonTogether': 'Ендік пен бойлықты бірге көрсетіңіз.',
  'validation.number': 'Сан енгізіңіз.',
  'validation.dateTime': 'Күні мен уақытын көрсетіңіз.',
  'validation.future': 'Келешектегі уақытты көрсетіңіз.',
  'validation.incident': 'Мұндай тіркеу нөмірі бар өтініш табылмады. Нөмірді тексеріңіз, мысалы 2026-000123.',

  'nav.alerts': 'Эскалациялар',
  'nav.alertsOpen': '{count} растауды күтуде',

  'priority.emergency': 'Апаттық',
  'priority.high': 'Жоғары',
  'priority.normal': 'Қалыпты',
  'priority.low': 'Төмен',

  'validation.incidentSelf': 'Өтінішті өзімен біріктіруге болмайды.',
};
