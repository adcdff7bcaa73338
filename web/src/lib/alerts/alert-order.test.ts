import { describe, expect, it } from 'vitest';
import { alertFactory } from './alert.factory.ts';
import { compareAlerts, openCount, sortAlerts, supersedes, upsertAlert } from './alert-order.ts';

const ids = (alerts: readonly { id: number }[]) => alerts.map((a) => a.id);

describe('sortAlerts', () => {
  it('puts open before acknowledged, then the higher target, then the oldest', () => {
    const alerts = [
      alertFactory({ id: 1, status: 'acknowledged', target: 'city_supervisors' }),
      alertFactory({ id: 2, target: 'agency', openedAt: '2026-11-25T07:00:00Z' }),
      alertFactory({ id: 3, target: 'district_akimat' }),
      alertFactory({ id: 4, target: 'agency', openedAt: '2026-11-25T06:00:00Z' }),
      alertFactory({ id: 5, target: 'city_supervisors', clock: 'manual', level: -1 }),
      alertFactory({ id: 6, target: 'agency_head' }),
    ];
    expect(ids(sortAlerts(alerts))).toEqual([5, 3, 6, 4, 2, 1]);
  });

  it('drops resolved alerts', () => {
    expect(ids(sortAlerts([alertFactory({ id: 1, status: 'resolved' }), alertFactory({ id: 2 })]))).toEqual([
      2,
    ]);
  });

  it('breaks ties on the same target by level, then by id', () => {
    const a = alertFactory({ id: 2, level: 1 });
    const b = alertFactory({ id: 1, level: 0 });
    const c = alertFactory({ id: 3, level: 0 });
    expect(compareAlerts(a, b)).toBeLessThan(0);
    expect(compareAlerts(b, c)).toBeLessThan(0);
  });
});

describe('supersedes', () => {
  const open = alertFactory({ lastNotifiedAt: '2026-11-25T08:00:00Z' });
  const acked = alertFactory({ status: 'acknowledged', acknowledgedAt: '2026-11-25T08:05:00Z' });

  it('keeps the fresher of two versions of one alert', () => {
    expect(supersedes(acked, open)).toBe(true);
    expect(supersedes(open, acked)).toBe(false);
    const retriggered = alertFactory({ lastNotifiedAt: '2026-11-25T09:05:00Z', notifyCount: 2 });
    expect(supersedes(retriggered, acked)).toBe(true);
  });

  it('treats a resolution as final', () => {
    const resolved = alertFactory({ status: 'resolved', resolvedAt: '2026-11-25T07:00:00Z' });
    expect(supersedes(resolved, acked)).toBe(true);
    expect(supersedes(open, resolved)).toBe(false);
  });
});

describe('upsertAlert', () => {
  it('adds, replaces, re-sorts and drops resolved alerts', () => {
    let list = upsertAlert([], alertFactory({ id: 1 }));
    list = upsertAlert(list, alertFactory({ id: 2, target: 'city_supervisors' }));
    expect(ids(list)).toEqual([2, 1]);
    list = upsertAlert(
      list,
      alertFactory({
        id: 2,
        target: 'city_supervisors',
        status: 'acknowledged',
        acknowledgedAt: '2026-11-25T08:01:00Z',
      }),
    );
    expect(ids(list)).toEqual([1, 2]);
    expect(openCount(list)).toBe(1);
    list = upsertAlert(list, alertFactory({ id: 1, status: 'resolved', resolvedAt: '2026-11-25T08:02:00Z' }));
    expect(ids(list)).toEqual([2]);
  });

  it('ignores an older version of an alert it already has', () => {
    const acked = alertFactory({ status: 'acknowledged', acknowledgedAt: '2026-11-25T08:05:00Z' });
    expect(upsertAlert([acked], alertFactory())).toEqual([acked]);
  });
});
