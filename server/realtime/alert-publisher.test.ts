import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../db/queries/alerts.ts';
import type { AlertChange } from '../escalation/escalation-engine.ts';
import { roomsForAlert } from './alert-publisher.ts';

const at = new Date('2026-11-25T06:00:00Z');

function change(kind: AlertChange['kind'], alert: Partial<AlertRecord>): AlertChange {
  return {
    kind,
    alert: {
      id: 1,
      ticketId: 7,
      clock: 'resolve',
      level: 3,
      target: 'agency_head',
      targetAgencyId: 'astana-su-arnasy',
      status: 'open',
      notifyCount: 1,
      reason: null,
      openedAt: at,
      lastNotifiedAt: at,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolution: null,
      ...alert,
    },
  };
}

const WATER = { agencyId: 'astana-su-arnasy' };
const VET = { agencyId: 'veterinary-service' };

describe('roomsForAlert', () => {
  it('tells the wall and the holding agency, which the level addressed', () => {
    expect(roomsForAlert(WATER, change('raised', {}))).toEqual(['wall:all', 'agency:astana-su-arnasy']);
  });

  it('tells a district akimat whoever holds the ticket', () => {
    const akimat = change('raised', { target: 'district_akimat', targetAgencyId: 'akimat-yesil' });
    expect(roomsForAlert(VET, akimat)).toEqual([
      'wall:all',
      'agency:veterinary-service',
      'agency:akimat-yesil',
    ]);
  });

  it('spares the agency a ticket left the repeats and acknowledgements of its alert', () => {
    expect(roomsForAlert(VET, change('raised', { notifyCount: 2 }))).toEqual([
      'wall:all',
      'agency:veterinary-service',
    ]);
    expect(roomsForAlert(VET, change('updated', { status: 'acknowledged' }))).toEqual([
      'wall:all',
      'agency:veterinary-service',
    ]);
  });

  it('tells the agency a ticket left that its alert closed', () => {
    expect(roomsForAlert(VET, change('updated', { status: 'resolved' }))).toEqual([
      'wall:all',
      'agency:veterinary-service',
      'agency:astana-su-arnasy',
    ]);
  });

  it('tells only the wall about a ticket nobody holds, a city-level alert included', () => {
    expect(
      roomsForAlert(
        { agencyId: null },
        change('raised', { target: 'city_supervisors', targetAgencyId: null }),
      ),
    ).toEqual(['wall:all']);
  });
});
