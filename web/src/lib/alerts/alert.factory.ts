import type { Alert } from '#contracts/alert.contract.ts';

/** A valid alert for tests; override only what the test is about. */
export function alertFactory(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 1,
    ticketId: 1,
    registrationNumber: '2026-000001',
    categoryId: 'open-manhole',
    districtId: 'almaty',
    agencyId: 'astana-su',
    clock: 'ack',
    level: 0,
    target: 'agency',
    targetAgencyId: 'astana-su',
    status: 'open',
    notifyCount: 1,
    reason: null,
    openedAt: '2026-11-25T08:00:00.000Z',
    lastNotifiedAt: '2026-11-25T08:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgedByName: null,
    resolvedAt: null,
    resolution: null,
    ...overrides,
  };
}
