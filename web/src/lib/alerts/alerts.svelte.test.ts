import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '#contracts/alert.contract.ts';
import { realtime } from '../realtime.svelte.ts';
import { alertFactory } from './alert.factory.ts';
import { AlertsStore } from './alerts.svelte.ts';

/** A fetch of /api/alerts whose answer the test releases when it wants. */
function deferredFetch() {
  let release: (alerts: Alert[]) => void = () => {};
  const answer = new Promise<Alert[]>((resolve) => (release = resolve));
  const fetchMock = vi.fn(
    async (_url: string) => new Response(JSON.stringify(await answer), { status: 200 }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return { release, fetchMock };
}

const fetchOnce = (alerts: Alert[]) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(alerts), { status: 200 })),
  );

const ids = (store: AlertsStore) => store.items.map((a) => a.id);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('AlertsStore', () => {
  it('loads live alerts in attention order', async () => {
    const { release, fetchMock } = deferredFetch();
    const store = new AlertsStore();
    const loading = store.load();
    release([
      alertFactory({ id: 1, status: 'acknowledged', acknowledgedAt: '2026-11-25T08:01:00Z' }),
      alertFactory({ id: 2, target: 'city_supervisors' }),
      alertFactory({ id: 3 }),
    ]);
    await loading;
    expect(ids(store)).toEqual([2, 3, 1]);
    expect(store.openCount).toBe(2);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/alerts?limit=500');
  });

  it('holds pushes that arrive during a load and applies them on top', async () => {
    const { release } = deferredFetch();
    const store = new AlertsStore();
    const loading = store.load();
    // While the list is in flight: alert 1 is resolved, alert 4 is raised, an old copy of 2 arrives late.
    store.apply({
      kind: 'updated',
      alert: alertFactory({ id: 1, status: 'resolved', resolvedAt: '2026-11-25T09:00:00Z' }),
    });
    store.apply({ kind: 'raised', alert: alertFactory({ id: 4, target: 'district_akimat' }) });
    store.apply({ kind: 'raised', alert: alertFactory({ id: 2 }) });
    release([
      alertFactory({ id: 1 }),
      alertFactory({ id: 2, status: 'acknowledged', acknowledgedAt: '2026-11-25T08:30:00Z' }),
    ]);
    await loading;
    expect(ids(store)).toEqual([4, 2]);
    expect(store.items[1]?.status).toBe('acknowledged');
  });

  it('highlights a raised alert for a while, and only the ones raised', async () => {
    vi.useFakeTimers();
    fetchOnce([alertFactory({ id: 1 })]);
    const store = new AlertsStore({}, { limit: 100, highlightMs: 5000 });
    const sounds: number[] = [];
    store.onRaised((alert) => sounds.push(alert.id));
    await store.load();
    expect(store.highlighted.size).toBe(0);

    store.apply({ kind: 'raised', alert: alertFactory({ id: 2, target: 'agency_head' }) });
    expect([...store.highlighted]).toEqual([2]);
    expect(sounds).toEqual([2]);
    store.apply({
      kind: 'updated',
      alert: alertFactory({ id: 1, status: 'acknowledged', acknowledgedAt: '2026-11-25T08:10:00Z' }),
    });
    expect([...store.highlighted]).toEqual([2]);

    vi.advanceTimersByTime(4000);
    // Raised again: the highlight starts over.
    store.apply({
      kind: 'raised',
      alert: alertFactory({ id: 2, notifyCount: 2, lastNotifiedAt: '2026-11-25T08:20:00Z' }),
    });
    vi.advanceTimersByTime(4000);
    expect(store.highlighted.has(2)).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(store.highlighted.size).toBe(0);
    expect(sounds).toEqual([2, 2]);
  });

  it('highlights alerts raised while it was not listening when it loads again', async () => {
    fetchOnce([alertFactory({ id: 1 })]);
    const store = new AlertsStore();
    await store.load();
    fetchOnce([alertFactory({ id: 1, notifyCount: 2 }), alertFactory({ id: 2 })]);
    await store.load();
    expect([...store.highlighted].sort()).toEqual([1, 2]);
  });

  it('keeps only the alerts of its ticket when it follows one', () => {
    const store = new AlertsStore({ ticketId: 7 });
    store.apply({ kind: 'raised', alert: alertFactory({ id: 1, ticketId: 7 }) });
    store.apply({ kind: 'raised', alert: alertFactory({ id: 2, ticketId: 8 }) });
    expect(ids(store)).toEqual([1]);
  });

  it('follows the realtime store once however many screens follow it', () => {
    fetchOnce([]);
    const onAlert = vi.spyOn(realtime, 'onAlert');
    const store = new AlertsStore();
    const first = store.follow();
    const second = store.follow();
    expect(onAlert).toHaveBeenCalledTimes(1);
    first();
    first();
    const third = store.follow();
    expect(onAlert).toHaveBeenCalledTimes(1);
    second();
    third();
    store.follow();
    expect(onAlert).toHaveBeenCalledTimes(2);
  });

  it('applies an acknowledgement the server accepted', async () => {
    const open = alertFactory({ id: 3 });
    const acked = {
      ...open,
      status: 'acknowledged' as const,
      acknowledgedAt: '2026-11-25T08:02:00Z',
      acknowledgedBy: 9,
    };
    vi.spyOn(realtime, 'acknowledgeAlert').mockResolvedValue({ ok: true, data: acked });
    const store = new AlertsStore();
    store.apply({ kind: 'updated', alert: open });
    const acknowledging = store.acknowledge(open);
    expect(store.pending.has(3)).toBe(true);
    expect(await acknowledging).toBe(true);
    expect(store.pending.size).toBe(0);
    expect(store.items[0]?.status).toBe('acknowledged');
    expect(store.lastFailure).toBeNull();
  });

  it('says why an acknowledgement failed and refetches when someone else was quicker', async () => {
    fetchOnce([]);
    vi.spyOn(realtime, 'acknowledgeAlert').mockResolvedValue({
      ok: false,
      error: { code: 'alert_not_open', message: 'Alert 3 is acknowledged' },
    });
    const store = new AlertsStore();
    const open = alertFactory({ id: 3 });
    store.apply({ kind: 'updated', alert: open });
    expect(await store.acknowledge(open)).toBe(false);
    expect(store.lastFailure).toEqual({
      alert: open,
      failure: { code: 'alert_not_open', message: 'Alert 3 is acknowledged' },
    });
    await vi.waitFor(() => expect(store.items).toEqual([]));
  });

  it('reports a timeout without refetching', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    vi.spyOn(realtime, 'acknowledgeAlert').mockResolvedValue({
      ok: false,
      error: { code: 'timeout', message: 'no answer' },
    });
    const store = new AlertsStore();
    expect(await store.acknowledge(alertFactory())).toBe(false);
    expect(store.lastFailure?.failure.code).toBe('timeout');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
