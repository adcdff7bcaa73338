import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { expectStatus, expectTicket, WATER_AGENCY } from '../support/test-server.ts';
import {
  escalationBody,
  LEVEL,
  local,
  MINUTE_MS,
  minutesBetween,
  names,
  policyBody,
  put,
  type SlaAdminSuite,
} from './sla-admin-fixtures.ts';

// A change of terms, escalation levels or hours applies to new tickets only. Run by sla-admin.test.ts.

/** Registers the history tests on `suite`. */
export function historyTests(suite: SlaAdminSuite): void {
  describe('history', () => {
    const db = () => suite.stack.server.komek.db;
    /** What must never change for a registered ticket: its stored terms and clocks, deadlines and escalation timers. */
    const recordOf = async (id: number) => ({
      ticket: (
        await db().query(
          'select sla, ack_due_at, ack_warn_at, resolve_due_at, resolve_warn_at from tickets where id = $1',
          [id],
        )
      )[0],
      timers: await escalationTimers(id),
    });
    const escalationTimers = (id: number) =>
      db().query<{ key: string; due_at: Date }>(
        "select key, due_at, event from ticket_timers where ticket_id = $1 and key like 'esc:%' order by key",
        [id],
      );
    const send = async (id: number, command: Record<string, unknown>) =>
      expectTicket(await suite.stack.staff.operator.api.command(id, command));

    it('a change applies to new tickets and never rewrites an old ticket’s deadlines, terms or escalation timers', async () => {
      suite.now = local('2026-11-25T11:00:00');
      const operator = suite.stack.staff.operator.api;
      // Flooding: 15 minutes to acknowledge, 240 to resolve, wall-clock time, emergency escalation.
      const oldFlood = await operator.createTicket({ categoryId: 'flooding' });
      expect([
        minutesBetween(oldFlood.registeredAt, oldFlood.ackDueAt),
        minutesBetween(oldFlood.registeredAt, oldFlood.resolveDueAt),
      ]).toEqual([15, 240]);
      // Garbage: 80 and 480 business minutes on Astana Tazalyk's round-the-clock calendar.
      const oldGarbage = await operator.createTicket({ categoryId: 'garbage-not-collected' });
      expect(oldGarbage).toMatchObject({
        agencyId: 'astana-tazalyk',
        ackDueAt: new Date(local('2026-11-25T12:20:00')).toISOString(),
        resolveDueAt: new Date(local('2026-11-25T19:00:00')).toISOString(),
      });
      const before = [await recordOf(oldFlood.id), await recordOf(oldGarbage.id)];
      const oldKeys = before[0]!.timers.map((t) => t.key);
      expect(oldKeys).toEqual(
        expect.arrayContaining(['esc:ack:0', 'esc:ack:1', 'esc:ack:2', 'esc:resolve:3']),
      );

      // The administrator changes flooding's deadlines, the emergency escalation and the round-the-clock hours.
      expectStatus(
        await suite.admin.post(
          '/api/admin/sla-policies',
          policyBody({
            categoryId: 'flooding',
            priority: 'emergency',
            ackMinutes: 30,
            resolveMinutes: 480,
            measure: 'elapsed',
            escalationPolicyId: 'emergency',
          }),
        ),
        201,
      );
      const newLevels = [
        { ...LEVEL, trigger: 'warning', target: 'agency_head' },
        { ...LEVEL, condition: 'not_resolved', target: 'city_supervisors', delayMinutes: 15 },
      ];
      expectStatus(
        await put(
          suite.admin,
          '/api/admin/escalation-policies/emergency',
          escalationBody({ levels: newLevels }),
        ),
        200,
      );
      const afternoons = Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['14:00', '22:00']]]),
      );
      const roundTheClock = { names: names('Round the clock'), weeklyHours: afternoons, holidays: [] };
      expectStatus(await put(suite.admin, '/api/admin/calendars/round-the-clock', roundTheClock), 200);

      // New tickets get the new terms, levels and hours.
      const newFlood = await operator.createTicket({ categoryId: 'flooding' });
      expect([
        minutesBetween(newFlood.registeredAt, newFlood.ackDueAt),
        minutesBetween(newFlood.registeredAt, newFlood.resolveDueAt),
      ]).toEqual([30, 480]);
      expect((await escalationTimers(newFlood.id)).map((t) => t.key)).toEqual(['esc:ack:0', 'esc:resolve:1']);
      const newGarbage = await operator.createTicket({ categoryId: 'garbage-not-collected' });
      expect(newGarbage).toMatchObject({
        ackDueAt: new Date(local('2026-11-25T15:20:00')).toISOString(),
        resolveDueAt: new Date(local('2026-11-25T22:00:00')).toISOString(),
      });

      // The old tickets keep everything they were registered with, through further events too.
      expect([await recordOf(oldFlood.id), await recordOf(oldGarbage.id)]).toEqual(before);
      await send(oldFlood.id, { type: 'ticket.comment', text: 'The caller rang again' });
      await send(oldGarbage.id, { type: 'ticket.comment', text: 'Still not collected' });
      await send(oldFlood.id, { type: 'ticket.assign', agencyId: 'akimat-yesil' });
      await send(oldFlood.id, { type: 'ticket.assign', agencyId: WATER_AGENCY });
      expect([await recordOf(oldFlood.id), await recordOf(oldGarbage.id)]).toEqual(before);

      // Later, a reassignment restarts acknowledgement with the ticket's own 15 minutes and levels.
      suite.now += 5 * MINUTE_MS;
      const moved: Ticket = await send(oldFlood.id, { type: 'ticket.assign', agencyId: 'akimat-yesil' });
      expect(Date.parse(moved.ackDueAt!)).toBe(suite.now + 15 * MINUTE_MS);
      expect(moved.resolveDueAt).toBe(oldFlood.resolveDueAt);
      const after = await recordOf(oldFlood.id);
      expect(after.timers.map((t) => t.key)).toEqual(oldKeys);
      expect(after.timers.filter((t) => t.key.startsWith('esc:resolve'))).toEqual(
        before[0]!.timers.filter((t) => t.key.startsWith('esc:resolve')),
      );
      expect((after.ticket as { sla: { terms: unknown } }).sla.terms).toEqual(
        (before[0]!.ticket as { sla: { terms: unknown } }).sla.terms,
      );

      // Policies are history too: the superseded flooding row is kept with the moment it ended.
      const flooding = (await suite.policies(true)).filter(
        (p) => p.categoryId === 'flooding' && p.priority === 'emergency',
      );
      expect(flooding.map((p) => [p.ackMinutes, p.supersededAt])).toEqual([
        [15, new Date(local('2026-11-25T11:00:00')).toISOString()],
        [30, null],
      ]);
      expectStatus(
        await put(suite.admin, '/api/admin/calendars/round-the-clock', {
          ...roundTheClock,
          weeklyHours: null,
        }),
        200,
      );
    });
  });
}
