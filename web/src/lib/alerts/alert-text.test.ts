import { describe, expect, it } from 'vitest';
import { alertFactory } from './alert.factory.ts';
import { acknowledgedBy, alertReason } from './alert-text.ts';

describe('alertReason', () => {
  it('names the deadline, or the reason of a manual escalation', () => {
    expect(alertReason(alertFactory({ clock: 'ack' }))).toEqual({ key: 'alert.clock.ack' });
    expect(alertReason(alertFactory({ clock: 'resolve' }))).toEqual({ key: 'alert.clock.resolve' });
    expect(alertReason(alertFactory({ clock: 'manual', reason: 'Flooding spreads' }))).toEqual({
      key: 'alert.clock.manualReason',
      params: { reason: 'Flooding spreads' },
    });
    expect(alertReason(alertFactory({ clock: 'manual', reason: null }))).toEqual({
      key: 'alert.clock.manual',
    });
  });
});

describe('acknowledgedBy', () => {
  it('says "you" to the one who acknowledged, and the user otherwise', () => {
    expect(acknowledgedBy(alertFactory(), 5)).toBeNull();
    expect(acknowledgedBy(alertFactory({ acknowledgedBy: 5 }), 5)).toEqual({ key: 'alert.byYou' });
    expect(
      acknowledgedBy(alertFactory({ acknowledgedBy: 7, acknowledgedByName: 'Dana Seitkali' }), 5),
    ).toEqual({
      key: 'alert.byUser',
      params: { name: 'Dana Seitkali' },
    });
    expect(acknowledgedBy(alertFactory({ acknowledgedBy: 7 }), 5)).toEqual({
      key: 'alert.byUser',
      params: { name: '#7' },
    });
  });
});
