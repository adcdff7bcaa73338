import type { Ticket, TicketEventRecord } from '#contracts/ticket.contract.ts';

/** A valid ticket for tests; override only what the test is about. */
export function ticketFactory(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 1,
    registrationNumber: '2026-000001',
    state: 'assigned',
    version: 3,
    categoryId: 'open-manhole',
    agencyId: 'astana-su',
    districtId: 'almaty',
    channel: 'phone',
    lat: 51.16,
    lon: 71.47,
    address: 'Kenesary 40',
    description: 'Open manhole near the school',
    reporterName: null,
    reporterPhone: null,
    createdAt: '2026-11-25T08:00:00.000Z',
    updatedAt: '2026-11-25T08:00:00.000Z',
    registeredAt: '2026-11-25T08:00:00.000Z',
    closedAt: null,
    ackDueAt: null,
    resolveDueAt: '2026-11-25T12:00:00.000Z',
    priority: 'emergency',
    ackWarnAt: null,
    resolveWarnAt: '2026-11-25T11:00:00.000Z',
    slaPaused: false,
    mergedIntoId: null,
    acceptedEvents: [],
    ...overrides,
  };
}

/** A valid event-log entry for tests. */
export function ticketEventFactory(overrides: Partial<TicketEventRecord> = {}): TicketEventRecord {
  return {
    seq: 1,
    ticketId: 1,
    type: 'ticket.comment',
    version: 1,
    actorUserId: null,
    actorName: null,
    actorRole: 'operator',
    channel: 'console',
    fromState: 'assigned',
    toState: 'assigned',
    payload: {},
    createdAt: '2026-11-25T08:00:00.000Z',
    ...overrides,
  };
}
