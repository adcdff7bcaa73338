import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyBoard } from '../../server/contracts/agency-board.contract.ts';
import { KpiReport } from '../../server/contracts/kpi-report.contract.ts';
import { Kpis } from '../../server/contracts/realtime.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  type TestStack,
} from '../support/test-server.ts';

const HOUR_MS = 3600_000;

describe.each(DATABASE_KINDS)("the wall's figures on %s", (kind) => {
  let stack: TestStack;
  // 23:00 in Astana on 24 November: the first tickets belong to yesterday.
  let now = Date.parse('2026-11-24T18:00:00Z');

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
    await stack.server.komek.timers.stop();
  });
  afterAll(() => stack?.close());

  const get = async <T>(path: string, schema: { parse(v: unknown): T }): Promise<T> => {
    const res = await stack.staff.supervisor.api.get(path);
    expectStatus(res, 200);
    return schema.parse(res.body);
  };

  it('are the KPI report for the city day so far, plus the backlog of every open ticket', async () => {
    const { operator, water, supervisor } = stack.staff;
    const yesterday = [await operator.api.createTicket(), await operator.api.createTicket()];
    now += 2 * HOUR_MS; // 01:00 on the 25th, city time
    const answered = await operator.api.createTicket({ firstContactAnswer: 'Works end on Friday' });
    const today = [await operator.api.createTicket(), await operator.api.createTicket()];
    // One of yesterday's closes today; one of today's is overdue (flooding: 4 hours).
    expectTicket(await water.api.command(yesterday[0]!.id, { type: 'ticket.resolve', resolution: 'Pumped' }));
    expectTicket(await supervisor.api.command(yesterday[0]!.id, { type: 'ticket.close' }));
    now += 5 * HOUR_MS;

    const kpis = await get('/api/kpis', Kpis);
    const report = await get('/api/kpis/report', KpiReport);
    const line = report.lines[0]!;
    expect(kpis).toMatchObject({
      receivedToday: line.received,
      firstContactToday: line.firstContact,
      firstContactRate: line.firstContactRate,
    });
    expect(kpis).toMatchObject({
      receivedToday: 3,
      firstContactToday: 1,
      firstContactRate: 1 / 3,
      // yesterday[1] and both of today's are open and past their 4 hours
      open: 3,
      overdue: 3,
      // the first-contact answer and yesterday's closed ticket
      closedToday: 2,
    });
    expect(kpis).toMatchObject({
      processedRate: line.processedRate,
      ackCompliance: line.ackCompliance,
      resolveCompliance: line.resolveCompliance,
      // Two of yesterday's were filed at 23:00 a day earlier; last week at this time, none.
      receivedSameTimeLastWeek: 0,
      receivedByChannel: { phone: 3 },
      targets: {
        firstContact: 0.85,
        processed: 0.997,
        ackCompliance: 0.9,
        resolveCompliance: 0.9,
        amberMargin: 0.05,
      },
    });
    // The city day began at 00:00 (19:00 UTC); it is 06:00 in Astana now: six hours so far, all three at 01:00.
    expect(kpis.receivedByHour).toEqual([0, 3, 0, 0, 0, 0]);
    expect(answered.state).toBe('closed_first_contact');
    expect(today).toHaveLength(2);
  });

  it('ranks agencies by what needs attention: overdue work, late acknowledgements, the longest wait', async () => {
    const res = await stack.staff.supervisor.api.get('/api/kpis/agencies');
    expectStatus(res, 200);
    const board = AgencyBoard.parse(res.body);
    const water = board.lines.find((l) => l.agencyId === 'astana-su-arnasy')!;
    // Yesterday's open flood and both of today's are the water utility's: all past 4 hours, none accepted.
    expect(water).toMatchObject({ open: 3, overdue: 3, ackOverdue: 3, receivedToday: 2 });
    expect(water.oldest?.since).toBe('2026-11-24T18:00:00.000Z');
    expect(board.lines[0]!.agencyId).toBe('astana-su-arnasy');
    expect(water.ackCompliance).toBe(0);
    expectApiError(await stack.staff.water.api.get('/api/kpis/agencies'), 403, 'forbidden');
  });

  it('computes the board once for every wall while nothing changes, and afresh after a change', async () => {
    const first = await get('/api/kpis/agencies', AgencyBoard);
    const water = (board: AgencyBoard) => board.lines.find((l) => l.agencyId === 'astana-su-arnasy')!;
    now += 1000;
    const second = AgencyBoard.parse((await stack.staff.admin.api.get('/api/kpis/agencies')).body);
    expect(second).toEqual(first);
    await stack.staff.operator.api.createTicket();
    const after = await get('/api/kpis/agencies', AgencyBoard);
    expect(after.at).not.toBe(first.at);
    expect(water(after).open).toBe(water(first).open + 1);
  });
});
