import { describe, expect, it } from 'vitest';
import type { TicketEventRow } from '../../db/queries/ticket-events.ts';
import { toPublicTimeline } from './public.mapper.ts';

let seq = 0;
const at = new Date('2026-11-26T09:00:00Z');
const event = (
  type: string,
  from: TicketEventRow['from_state'],
  to: TicketEventRow['to_state'],
  payload: Record<string, unknown> = {},
): TicketEventRow => ({
  seq: ++seq,
  ticket_id: 1,
  type,
  version: seq,
  actor_user_id: 42,
  actor_role: 'agency',
  channel: 'console',
  from_state: from,
  to_state: to,
  payload,
  created_at: at,
});

describe('toPublicTimeline', () => {
  it('keeps changes of state with the resolution, answer and hold reason; drops comments, texts and actors', () => {
    const timeline = toPublicTimeline([
      event('ticket.create', null, 'received', { channel: 'web', categoryId: 'flooding' }),
      event('ticket.register', 'received', 'registered'),
      event('ticket.assign', 'registered', 'assigned', { agencyId: 'astana-su-arnasy' }),
      event('ticket.assign', 'assigned', 'assigned', { agencyId: 'akimat-yesil' }),
      event('ticket.comment', 'assigned', 'assigned', { text: 'Resident Aigerim is angry' }),
      event('ticket.reject', 'assigned', 'registered', { reason: 'Not ours, ask the akimat' }),
      event('ticket.hold', 'registered', 'on_hold', {
        reason: 'Waiting for parts',
        until: '2026-12-01T09:00:00+05:00',
      }),
      event('ticket.resolve', 'on_hold', 'resolved', { resolution: 'Fixed' }),
      event('ticket.reopen', 'resolved', 'assigned', { reason: 'Aigerim says it is still flooded' }),
      event('xstate.after.confirm', 'resolved', 'closed'),
      event('ticket.close_first_contact', 'registered', 'closed_first_contact', {
        answer: 'Works end on Friday',
      }),
      event('ticket.escalate', 'assigned', 'assigned', { reason: 'Too slow' }),
    ]);
    expect(timeline.map(({ at: _at, ...rest }) => rest)).toEqual([
      { event: 'create', fromState: null, state: 'received' },
      { event: 'register', fromState: 'received', state: 'registered' },
      { event: 'assign', fromState: 'registered', state: 'assigned' },
      { event: 'reject', fromState: 'assigned', state: 'registered' },
      {
        event: 'hold',
        fromState: 'registered',
        state: 'on_hold',
        holdReason: 'Waiting for parts',
        holdUntil: '2026-12-01T04:00:00.000Z',
      },
      { event: 'resolve', fromState: 'on_hold', state: 'resolved', resolution: 'Fixed' },
      { event: 'reopen', fromState: 'resolved', state: 'assigned' },
      { event: 'timer', fromState: 'resolved', state: 'closed' },
      {
        event: 'close_first_contact',
        fromState: 'registered',
        state: 'closed_first_contact',
        resolution: 'Works end on Friday',
      },
    ]);
    expect(timeline[0]!.at).toBe(at.toISOString());
    expect(JSON.stringify(timeline)).not.toMatch(/Aigerim|akimat|42|agency|Not ours/);
  });
});
