import { describe, expect, it } from 'vitest';
import { ackDeadline, resolveDeadline, runningStatus } from './deadline-status.ts';
import { ticketFactory } from './ticket.factory.ts';

const at = (iso: string) => new Date(iso);

describe('runningStatus', () => {
  it('is on time before the warning, a warning after it and breached from the due time', () => {
    const due = '2026-11-25T12:00:00Z';
    const warn = '2026-11-25T11:00:00Z';
    expect(runningStatus(due, warn, at('2026-11-25T10:59:00Z'))).toBe('on_time');
    expect(runningStatus(due, warn, at('2026-11-25T11:00:00Z'))).toBe('warning');
    expect(runningStatus(due, warn, at('2026-11-25T12:00:00Z'))).toBe('breached');
    expect(runningStatus(due, null, at('2026-11-25T11:30:00Z'))).toBe('on_time');
  });
});

describe('ackDeadline', () => {
  it('runs only while an acknowledgement is awaited', () => {
    expect(ackDeadline(ticketFactory({ ackDueAt: null }), at('2026-11-25T09:00:00Z'))).toEqual({
      dueAt: null,
      status: 'none',
    });
    const waiting = ticketFactory({ ackDueAt: '2026-11-25T09:00:00Z', ackWarnAt: '2026-11-25T08:45:00Z' });
    expect(ackDeadline(waiting, at('2026-11-25T08:50:00Z')).status).toBe('warning');
    expect(ackDeadline(waiting, at('2026-11-25T09:10:00Z')).status).toBe('breached');
  });
});

describe('resolveDeadline', () => {
  const now = at('2026-11-25T11:30:00Z');

  it('colours a running deadline', () => {
    expect(resolveDeadline(ticketFactory(), now)).toEqual({
      dueAt: '2026-11-25T12:00:00.000Z',
      status: 'warning',
    });
  });

  it('says paused on hold even past the old due time', () => {
    const held = ticketFactory({ state: 'on_hold', slaPaused: true, resolveWarnAt: null });
    expect(resolveDeadline(held, at('2026-11-25T13:00:00Z')).status).toBe('paused');
  });

  it('stops once the work is done and has nothing to show before it starts', () => {
    expect(resolveDeadline(ticketFactory({ state: 'resolved', resolveWarnAt: null }), now).status).toBe(
      'stopped',
    );
    expect(resolveDeadline(ticketFactory({ state: 'received', resolveDueAt: null }), now).status).toBe(
      'none',
    );
  });
});
