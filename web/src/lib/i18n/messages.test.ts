import { describe, expect, it } from 'vitest';
import {
  TICKET_CHANNELS,
  TICKET_EVENT_TYPES,
  TICKET_STATES,
} from '../../../../workflows/ticket/ticket.types.ts';
import { ESCALATION_TARGETS } from '../../../../workflows/sla/escalation.ts';
import { PRIORITIES } from '../../../../workflows/sla/ticket-sla.ts';
import { ROLES } from '#contracts/auth.contract.ts';
import { DICTIONARIES, interpolate, isMessageKey, LOCALES, placeholders, validationKey } from './messages.ts';
import { consoles } from './ru/consoles.ts';
import { core } from './ru/core.ts';
import { ru } from './ru/index.ts';
import { operator } from './ru/operator.ts';
import { reports } from './ru/reports.ts';
import { resident } from './ru/resident.ts';
import { wall } from './ru/wall.ts';

describe('dictionaries', () => {
  const keys = Object.keys(ru).sort();

  it('defines each key in one area only (a second definition would silently win)', () => {
    const areas = [core, wall, reports, consoles, resident, operator];
    expect(areas.reduce((sum, area) => sum + Object.keys(area).length, 0)).toBe(keys.length);
  });

  it.each(LOCALES)('%s has exactly the keys of ru, each non-empty', (locale) => {
    const dict = DICTIONARIES[locale];
    expect(Object.keys(dict).sort()).toEqual(keys);
    for (const key of keys) expect(dict[key as keyof typeof dict].trim(), `${locale}:${key}`).not.toBe('');
  });

  it.each(LOCALES)('%s uses the same placeholders as ru', (locale) => {
    const dict = DICTIONARIES[locale];
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(placeholders(dict[key]), `${locale}:${key}`).toEqual(placeholders(ru[key]));
    }
  });

  it('names every state, channel, role and event type', () => {
    for (const state of TICKET_STATES) expect(isMessageKey(`state.${state}`), state).toBe(true);
    for (const channel of TICKET_CHANNELS) expect(isMessageKey(`channel.${channel}`), channel).toBe(true);
    for (const role of ROLES) expect(isMessageKey(`role.${role}`), role).toBe(true);
    for (const type of TICKET_EVENT_TYPES) {
      expect(isMessageKey(`event.${type}`), type).toBe(true);
      expect(isMessageKey(`action.${type}`), type).toBe(true);
    }
  });

  it('names every priority, escalation target, alert deadline and deadline status', () => {
    for (const priority of PRIORITIES) expect(isMessageKey(`priority.${priority}`), priority).toBe(true);
    for (const target of ESCALATION_TARGETS)
      expect(isMessageKey(`alert.target.${target}`), target).toBe(true);
    for (const clock of ['ack', 'resolve', 'manual'])
      expect(isMessageKey(`alert.clock.${clock}`), clock).toBe(true);
    for (const status of ['on_time', 'warning', 'breached', 'paused', 'stopped', 'none'])
      expect(isMessageKey(`deadline.${status}`), status).toBe(true);
  });
});

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Appeal {number} at {time}', { number: '2026-000001', time: '10:00' })).toBe(
      'Appeal 2026-000001 at 10:00',
    );
    expect(interpolate('target {target}%', {})).toBe('target {target}%');
    expect(interpolate('plain')).toBe('plain');
  });
});

describe('validationKey', () => {
  it('recognises the common server messages', () => {
    expect(validationKey('must not be empty')).toBe('validation.required');
    expect(validationKey('must be a phone number such as +7 701 123 45 67')).toBe('validation.phone');
    expect(validationKey('must be an ISO date-time such as 2026-12-01T09:00:00+05:00')).toBe(
      'validation.dateTime',
    );
    expect(validationKey('something unusual')).toBeNull();
  });
});
