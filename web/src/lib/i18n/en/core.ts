import type { CoreMessages } from '../ru/core.ts';

/** Shared by every screen: the app frame, sign-in, roles, states, channels, errors. */
export const core: CoreMessages = {
  'app.name': 'Komek 109',
  'app.tagline': 'Astana city contact centre',
  'app.loading': 'Loading…',
  'app.skipToContent': 'Skip to content',

  'nav.main': 'Main navigation',
  'nav.tickets': 'Appeals',
  'nav.wallboard': 'Wallboard',
  'nav.logout': 'Log out',
  'nav.language': 'Language',
  'nav.signedInAs': 'Signed in as {name}, {role}',

  'locale.ru': 'Русский',
  'locale.kk': 'Қазақша',
  'locale.en': 'English',

  'role.admin': 'administrator',
  'role.supervisor': 'shift supervisor',
  'role.operator': 'operator',
  'role.agency': 'agency staff',
  'role.display': 'wall display',
  'role.system': 'system',
  'role.simulator': 'simulator',

  'state.received': 'Received',
  'state.registered': 'Registered',
  'state.assigned': 'Assigned',
  'state.accepted': 'Accepted',
  'state.in_progress': 'In progress',
  'state.on_hold': 'On hold',
  'state.merged': 'Merged into an incident',
  'state.resolved': 'Resolved',
  'state.closed': 'Closed',
  'state.closed_first_contact': 'Closed on first contact',
  'state.cancelled': 'Cancelled',
  'state.overdue': 'Overdue',

  'channel.phone': 'Phone 109',
  'channel.telegram': 'Telegram',
  'channel.social': 'Social media',
  'channel.web': 'Website',
  'channel.open311': 'Open311',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',

  'common.all': 'All',
  'common.choose': 'Choose…',
  'common.none': '—',
  'common.cancel': 'Cancel',
  'common.send': 'Send',
  'common.sending': 'Sending…',
  'common.retry': 'Retry',
  'common.loadMore': 'Show more',
  'common.reset': 'Reset',
  'common.home': 'Home',
  'common.close': 'Close',

  'error.network': 'The server cannot be reached. Check the connection and try again.',
  'error.generic': 'Something went wrong: {message}',
  'error.invalid_credentials': 'Wrong username or password.',
  'error.unauthenticated': 'Your session has ended. Please sign in again.',
  'error.forbidden': 'Your role may not do this.',
  'error.not_found': 'The appeal was not found or is not visible to you.',
  'error.page_not_found': 'There is no such page.',
  'error.invalid_request': 'Please check the highlighted fields.',
  'error.unknown_reference': 'The chosen value no longer exists. Reload the page.',
  'error.incident_not_open':
    'That appeal cannot take merged appeals: it is itself merged, resolved or closed. Give the incident still being worked on.',
  'error.has_merged_tickets':
    'Other appeals are merged into this one: it is an incident itself and cannot be merged.',
  'error.conflict':
    'Someone else changed this appeal; it is now “{state}”. It has been reloaded — check it and try again.',

  'validation.required': 'Please fill in this field.',
  'validation.phone': 'Enter a phone number such as +7 701 123 45 67.',
  'validation.locationOrAddress': 'Give an address or pick a place on the map.',
  'validation.latLonTogether': 'Give latitude and longitude together.',
  'validation.number': 'Enter a number.',
  'validation.dateTime': 'Enter a date and time.',
  'validation.future': 'Choose a time in the future.',
  'validation.incident': 'No appeal has this registration number. Check it, e.g. 2026-000123.',

  'nav.alerts': 'Escalations',
  'nav.alertsOpen': '{count} awaiting acknowledgement',

  'priority.emergency': 'Emergency',
  'priority.high': 'High',
  'priority.normal': 'Normal',
  'priority.low': 'Low',

  'validation.incidentSelf': 'An appeal cannot be merged into itself.',
};
