import { describe, expect, it } from 'vitest';
import type { AgencyRow } from '../../db/queries/reference.ts';
import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import { serviceNotice, toNote, type Open311Reference } from './open311.mapper.ts';

const WATER: AgencyRow = {
  id: 'astana-su-arnasy',
  name_ru: 'Астана Су Арнасы',
  name_kk: 'Астана Су Арнасы',
  name_en: 'Astana Su Arnasy',
  short_name_ru: null,
  short_name_kk: null,
  short_name_en: null,
  kind: 'utility',
  district_id: null,
  phone: null,
};
const REF: Open311Reference = {
  categories: new Map(),
  agencies: new Map([[WATER.id, WATER]]),
  timeZone: 'Asia/Almaty',
};

let seq = 0;
const event = (type: string, to_state: TicketEventRow['to_state'], payload: Record<string, unknown> = {}) =>
  ({
    seq: ++seq,
    ticket_id: 1,
    type,
    version: seq,
    actor_user_id: 7,
    actor_role: 'operator',
    channel: 'console',
    from_state: null,
    to_state,
    payload,
    created_at: new Date('2026-11-26T04:00:00Z'),
  }) satisfies TicketEventRow;

describe('toNote', () => {
  it('names what happened with its public detail, in the asked language', () => {
    expect(toNote(event('ticket.assign', 'assigned', { agencyId: WATER.id }), REF, 'en')).toEqual({
      datetime: '2026-11-26T04:00:00.000Z',
      type: 'assign',
      status: 'assigned',
      description: 'Assigned: Astana Su Arnasy',
    });
    expect(
      toNote(event('ticket.hold', 'on_hold', { reason: 'Ждём насос', until: 'x' }), REF, 'ru')!.description,
    ).toBe('Приостановлено: Ждём насос');
    expect(
      toNote(event('ticket.resolve', 'resolved', { resolution: 'Су сорылды' }), REF, 'kk')!.description,
    ).toBe('Шешілді: Су сорылды');
  });

  it('leaves out internal comments and the wording of a resident’s dispute', () => {
    expect(
      toNote(event('ticket.comment', 'assigned', { text: 'Called Aigerim on +7 701' }), REF, 'en'),
    ).toBeNull();
    expect(
      toNote(event('ticket.reopen', 'assigned', { reason: 'Aigerim says it is still flooded' }), REF, 'en'),
    ).toEqual(
      expect.objectContaining({ type: 'reopen', description: "Reopened after resident's complaint" }),
    );
  });

  it('calls the engine’s own delayed events timers, and reads an event type it does not know by its state', () => {
    expect(
      toNote(event('xstate.after.confirmationWindow.ticket.resolved', 'closed'), REF, 'en'),
    ).toMatchObject({
      type: 'timer',
      description: 'Closed automatically: confirmation window ended',
    });
    expect(toNote(event('ticket.escalate', 'in_progress', { secret: 'x' }), REF, 'en')).toMatchObject({
      type: 'escalate',
      description: 'In progress',
    });
  });
});

describe('serviceNotice', () => {
  const due = new Date('2026-11-26T12:30:00Z');

  it('gives an open request’s deadline in city time, in the asked language', () => {
    expect(serviceNotice(due, 'assigned', 'en', 'Asia/Almaty')).toBe(
      'Expected to be resolved by 26 November 2026 at 17:30 (Astana time).',
    );
    expect(serviceNotice(due, 'in_progress', 'ru', 'Asia/Almaty')).toMatch(
      /^Плановый срок решения — 26 ноября 2026/,
    );
  });

  it('says nothing once the request is closed or has no deadline', () => {
    expect(serviceNotice(due, 'closed', 'en', 'Asia/Almaty')).toBeNull();
    expect(serviceNotice(null, 'registered', 'en', 'Asia/Almaty')).toBeNull();
  });
});
