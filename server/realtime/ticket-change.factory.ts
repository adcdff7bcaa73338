import type { TicketChange } from '../contracts/realtime.contract.ts';

/** For unit tests: a reassignment from the vet station to the water utility, as the wall receives it. */
export function reassignment(): TicketChange {
  return {
    seq: 42,
    events: [
      {
        seq: 42,
        ticketId: 7,
        type: 'ticket.assign',
        version: 5,
        actorUserId: 3,
        actorName: 'Supervisor',
        actorRole: 'supervisor',
        channel: 'console',
        fromState: 'in_progress',
        toState: 'assigned',
        payload: { agencyId: 'astana-su-arnasy', ackDueAt: '2026-11-25T07:00:00.000Z' },
        createdAt: '2026-11-25T06:30:00.000Z',
      },
    ],
    ticket: {
      id: 7,
      registrationNumber: '2026-000007',
      state: 'assigned',
      version: 5,
      categoryId: 'stray-dogs',
      agencyId: 'astana-su-arnasy',
      districtId: 'yesil',
      channel: 'phone',
      lat: 51.1,
      lon: 71.4,
      address: 'Kabanbay batyr 1',
      description: 'Dogs by the school',
      reporterName: null,
      reporterPhone: null,
      createdAt: '2026-11-25T06:00:00.000Z',
      updatedAt: '2026-11-25T06:30:00.000Z',
      registeredAt: '2026-11-25T06:00:00.000Z',
      closedAt: null,
      ackDueAt: '2026-11-25T07:00:00.000Z',
      resolveDueAt: '2026-11-27T06:00:00.000Z',
      priority: 'high',
      ackWarnAt: '2026-11-25T06:52:00.000Z',
      resolveWarnAt: '2026-11-26T18:00:00.000Z',
      slaPaused: false,
      mergedIntoId: null,
      acceptedEvents: [],
    },
  };
}
