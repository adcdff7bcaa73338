import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Kpis } from '../contracts/realtime.contract.ts';
import { createLogger } from '../logger.ts';
import { recordingRealtime } from '../realtime/realtime.ts';
import { KpiBroadcaster } from './kpi.service.ts';

const kpis = (open: number): Kpis => ({
  at: '2026-11-25T10:00:00.000Z',
  receivedToday: 1,
  open,
  overdue: 0,
  closedToday: 0,
  firstContactToday: 0,
  firstContactRate: null,
  firstContactTarget: 0.85,
  processedRate: null,
  ackCompliance: null,
  resolveCompliance: null,
  resolveMinutesP50: null,
  receivedSameTimeLastWeek: 0,
  receivedByChannel: { phone: 1 },
  receivedByHour: [1],
  targets: {
    firstContact: 0.85,
    processed: 0.997,
    ackCompliance: 0.9,
    resolveCompliance: 0.9,
    amberMargin: 0.05,
  },
});

describe('KpiBroadcaster', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pushes the first change at once and a burst after it once per interval', async () => {
    const realtime = recordingRealtime();
    let open = 0;
    const compute = vi.fn(async () => kpis(++open));
    const broadcaster = new KpiBroadcaster(compute, realtime, createLogger('silent'), 1000);

    broadcaster.notify();
    await vi.advanceTimersByTimeAsync(0);
    expect(realtime.sent).toEqual([{ room: 'wall:all', event: 'kpi:updated', payload: kpis(1) }]);

    for (let i = 0; i < 50; i++) broadcaster.notify();
    await vi.advanceTimersByTimeAsync(999);
    expect(compute).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(realtime.sent.at(-1)?.payload).toEqual(kpis(2));
    broadcaster.stop();
  });
});
