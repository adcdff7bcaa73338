import { describe, expect, it } from 'vitest';
import type { BulkTicketAnswer } from '#contracts/bulk-ticket.contract.ts';
import { chunks, summarize } from './bulk-summary.ts';

describe('bulk summary', () => {
  const known = [
    { id: 1, registrationNumber: '2026-000001' },
    { id: 2, registrationNumber: '2026-000002' },
  ];

  it('counts successes and names each failure with its reason, across requests', () => {
    const answers: BulkTicketAnswer[] = [
      {
        succeeded: 1,
        failed: 1,
        results: [
          { ticketId: 1, ok: true, version: 4, state: 'assigned' },
          {
            ticketId: 2,
            ok: false,
            error: {
              status: 409,
              code: 'stale_version',
              message: 'moved',
              currentState: 'accepted',
              currentVersion: 5,
            },
          },
        ],
      },
      {
        succeeded: 0,
        failed: 4,
        results: [
          {
            ticketId: 3,
            ok: false,
            error: { status: 409, code: 'event_not_accepted', message: 'no', currentState: 'closed' },
          },
          { ticketId: 4, ok: false, error: { status: 403, code: 'forbidden', message: 'no' } },
          { ticketId: 5, ok: false, error: { status: 404, code: 'not_found', message: 'no' } },
          { ticketId: 6, ok: false, error: { status: 500, code: 'internal', message: 'Logged.' } },
        ],
      },
    ];
    expect(summarize(answers, known)).toEqual({
      succeeded: 1,
      failures: [
        {
          ticketId: 2,
          label: '2026-000002',
          reason: { key: 'console.bulk.reason.stale', params: { state: 'accepted' } },
        },
        {
          ticketId: 3,
          label: '#3',
          reason: { key: 'console.bulk.reason.notAccepted', params: { state: 'closed' } },
        },
        { ticketId: 4, label: '#4', reason: { key: 'console.bulk.reason.forbidden' } },
        { ticketId: 5, label: '#5', reason: { key: 'console.bulk.reason.notFound' } },
        {
          ticketId: 6,
          label: '#6',
          reason: { key: 'console.bulk.reason.other', params: { message: 'Logged.' } },
        },
      ],
    });
  });

  it('splits a selection into requests of at most 200', () => {
    const ids = Array.from({ length: 450 }, (_, i) => i);
    expect(chunks(ids).map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunks([])).toEqual([]);
  });
});
