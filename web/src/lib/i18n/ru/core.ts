/** Shared by every screen: the app frame, sign-in, roles, states, channels, errors. */
export const core = {
  'app.name': 'Комек 109',
  'app.tagline': 'Единый контакт-центр акимата Астаны',
  'app.loading': 'Загрузка…',
  'app.skipToContent': 'Перейти к содержимому',

  'nav.main': 'Основная навигация',
  'nav.tickets': 'Обращения',
  'nav.wallboard': 'Табло',
  'nav.logout': 'Выйти',
  'nav.language': 'Язык',
  'nav.signedInAs': 'Вы вошли как {name}, {role}',

  'locale.ru': 'Русский',
  'locale.kk': 'Қазақша',
  'locale.en': 'English',

  'role.admin': 'администратор',
  'role.supervisor': 'руководитель смены',
  'role.operator': 'оператор',
  'role.agency': 'исполнитель',
  'role.display': 'табло',
  'role.system': 'система',
  'role.simulator': 'симулятор',

  'state.received': 'Получено',
  'state.registered': 'Зарегистрировано',
  'state.assigned': 'Передано исполнителю',
  'state.accepted': 'Принято исполнителем',
  'state.in_progress': 'В работе',
  'state.on_hold': 'Приостановлено',
  'state.merged': 'Объединено с инцидентом',
  'state.resolved': 'Решено',
  'state.closed': 'Закрыто',
  'state.closed_first_contact': 'Закрыто при обращении',
  'state.cancelled': 'Отменено',
  'state.overdue': 'Просрочено',

  'channel.phone': 'Телефон 109',
  'channel.telegram': 'Telegram',
  'channel.social': 'Соцсети',
  'channel.web': 'Сайт',
  'channel.open311': 'Open311',

  'login.title': 'Вход в систему',
  'login.username': 'Имя пользователя',
  'login.password': 'Пароль',
  'login.submit': 'Войти',
  'login.submitting': 'Вход…',

  'common.all': 'Все',
  'common.choose': 'Выберите…',
  'common.none': '—',
  'common.cancel': 'Отмена',
  'common.send': 'Отправить',
  'common.sending': 'Отправка…',
  'common.retry': 'Повторить',
  'common.loadMore': 'Показать ещё',
  'common.reset': 'Сбросить',
  'common.home': 'На главную',
  'common.close': 'Закрыть',

  'error.network': 'Сервер недоступен. Проверьте подключение и повторите.',
  'error.generic': 'Что-то пошло не так: {message}',
  'error.invalid_credentials': 'Неверное имя пользователя или пароль.',
  'error.unauthenticated': 'Сеанс завершён. Войдите снова.',
  'error.forbidden': 'Ваша роль не позволяет выполнить это действие.',
  'error.not_found': 'Обращение не найдено или недоступно вам.',
  'error.page_not_found': 'Такой страницы нет.',
  'error.invalid_request': 'Проверьте выделенные поля.',
  'error.unknown_reference': 'Выбранное значение больше не существует. Обновите страницу.',
  'error.incident_not_open':
    'К этому обращению нельзя присоединять: оно само объединено, решено или закрыто. Укажите инцидент, который ещё в работе.',
  'error.has_merged_tickets':
    'К этому обращению уже присоединены другие: оно само инцидент и не может быть объединено.',
  'error.conflict':
    'Кто-то уже изменил это обращение; сейчас оно в статусе «{state}». Данные обновлены — проверьте и повторите.',

  'validation.required': 'Заполните это поле.',
  'validation.phone': 'Введите телефон, например +7 701 123 45 67.',
  'validation.locationOrAddress': 'Укажите адрес или место на карте.',
  'validation.latLonTogether': 'Укажите широту и долготу вместе.',
  'validation.number': 'Введите число.',
  'validation.dateTime': 'Укажите дату и время.',
  'validation.future': 'Укажите время в будущем.',
  'validation.incident':
    'Обращение с таким регистрационным номером не найдено. Проверьте номер, например 2026-000123.',

  'nav.alerts': 'Эскалации',
  'nav.alertsOpen': '{count} ждут подтверждения',

  'priority.emergency': 'Авария',
  'priority.high': 'Высокий',
  'priority.normal': 'Обычный',
  'priority.low': 'Низкий',

  'validation.incidentSelf': 'Обращение нельзя объединить с самим собой.',
};

export type CoreMessages = Record<keyof typeof core, string>;
