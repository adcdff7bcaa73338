import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketConflict, TicketPage, type Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  VET_AGENCY,
  type ApiClient,
  type TestStack,
} from '../support/test-server.ts';

const MINUTE_MS = 60_000;
const T0 = Date.parse('2026-11-24T06:00:00Z');
const at = (minutes: number) => T0 + minutes * MINUTE_MS;

// Flooding is an emergency measured in elapsed time: acknowledge within 15 minutes (warning at
// 11¼), resolve within 240 (warning at 180). The clock is the server's, injected and moved by hand.
describe.each(DATABASE_KINDS)('the console list by deadline on %s', (kind) => {
  let stack: TestStack;
  let now = T0;
  let supervisor: ApiClient;
  let water: ApiClient;
  // Named by where each stands at 03:30 after T0 (see beforeAll).
  const t: Record<string, Ticket> = {};

  async function list(query: string, client = supervisor): Promise<TicketPage> {
    const res = await client.get(`/api/tickets?${query}`);
    expectStatus(res, 200);
    return TicketPage.parse(res.body);
  }
  const ids = (page: TicketPage) => page.items.map((x) => x.id);
  const of = (...names: string[]) => names.map((n) => t[n]!.id);
  const newestFirst = (...names: string[]) => of(...names).sort((a, b) => b - a);

  async function create(name: string, minutes: number, then?: (ticket: Ticket) => Promise<unknown>) {
    now = at(minutes);
    t[name] = await stack.staff.operator.api.createTicket({ description: `Flooding ${name}` });
    await then?.(t[name]!);
  }
  const send = async (ticket: Ticket, command: Record<string, unknown>) =>
    expectTicket(await water.command(ticket.id, command));

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
    // Deadlines are judged by the list query alone: no timer may move a ticket meanwhile.
    await stack.server.komek.timers.stop();
    supervisor = stack.staff.supervisor.api;
    water = stack.staff.water.api;
    await create('breached', 0); // acknowledgement due at 0:15, never given
    await create('warning', 0, (x) => send(x, { type: 'ticket.accept' })); // resolve due 4:00, warned 3:00
    await create('paused', 0, async (x) => {
      await send(x, { type: 'ticket.accept' });
      await send(x, {
        type: 'ticket.hold',
        reason: 'Waiting for a pump',
        until: '2026-11-30T09:00:00+05:00',
      });
    });
    await create('answered', 0, async (x) => {
      expectTicket(await supervisor.command(x.id, { type: 'ticket.cancel', reason: 'Duplicate of a call' }));
    });
    await create('later', 180, (x) => send(x, { type: 'ticket.accept' })); // resolve due 7:00
    await create('warnAck', 197); // acknowledgement warned 3:28¼, due 3:32
    await create('soon', 200); // acknowledgement due 3:35, warned 3:31¼
    await create('tenMinutes', 205); // acknowledgement due 3:40
    now = at(210);
  });
  afterAll(() => stack?.close());

  it.each([
    ['slaState=breached', ['breached']],
    ['slaState=warning', ['warning', 'warnAck']],
    ['slaState=on_time', ['later', 'soon', 'tenMinutes']],
    ['slaState=paused', ['paused']],
    ['slaState=warning,breached', ['breached', 'warning', 'warnAck']],
    ['slaState=on_time&state=assigned', ['soon', 'tenMinutes']],
  ])('filters by %s, judged by the server clock', async (query, expected) => {
    expect(ids(await list(query))).toEqual(newestFirst(...expected));
  });

  it('reports the clock it judged by', async () => {
    expect((await list('limit=1')).serverTime).toBe(new Date(now).toISOString());
  });

  it('moves tickets between SLA states as the clock runs, with no change to them', async () => {
    const saved = now;
    now = at(240); // 4:00: the accepted one is due now; the acknowledgements are all past
    try {
      expect(ids(await list('slaState=breached'))).toEqual(
        newestFirst('breached', 'warning', 'warnAck', 'soon', 'tenMinutes'),
      );
      expect(ids(await list('slaState=on_time'))).toEqual(of('later'));
    } finally {
      now = saved;
    }
  });

  it('lists the tickets at risk nearest deadline first, neither breached nor paused', async () => {
    const page = await list('atRisk=true');
    expect(ids(page)).toEqual(of('warnAck', 'soon', 'tenMinutes', 'warning'));
    // A narrower window keeps those warned already and those due within it.
    expect(ids(await list('atRisk=true&riskWindowMinutes=8'))).toEqual(of('warnAck', 'soon', 'warning'));
    // At risk is by deadline whatever else the query asks.
    expect(ids(await list('atRisk=true&sort=newest&riskWindowMinutes=1'))).toEqual(of('warnAck', 'warning'));
  });

  it('sorts by deadline: overdue on top, no running deadline last, paged without gaps', async () => {
    const expected = of(
      'breached',
      'warnAck',
      'soon',
      'tenMinutes',
      'warning',
      'later',
      'paused',
      'answered',
    );
    expect(ids(await list('sort=deadline'))).toEqual(expected);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: TicketPage = await list(`sort=deadline&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("gives agency staff their queue by deadline, and others' sort on request", async () => {
    const queue = await list('open=true', water);
    expect(ids(queue)).toEqual(of('breached', 'warnAck', 'soon', 'tenMinutes', 'warning', 'later', 'paused'));
    expect(ids(await list('open=true&sort=newest', water))).toEqual(
      newestFirst('breached', 'warning', 'paused', 'later', 'warnAck', 'soon', 'tenMinutes'),
    );
    // Everyone else starts newest first.
    expect(ids(await list('open=true'))[0]).toBe(t['tenMinutes']!.id);
  });

  it('keeps agency staff to their own agency whatever they ask', async () => {
    const dogs = await stack.staff.operator.api.createTicket({
      categoryId: 'stray-dogs',
      description: 'Dogs by the school',
    });
    expect(dogs.agencyId).toBe(VET_AGENCY);
    expect(ids(await list(`agencyId=${VET_AGENCY}`, water))).not.toContain(dogs.id);
    expect(ids(await list('sort=deadline&limit=500', water))).not.toContain(dogs.id);
    expect(ids(await list('', stack.staff.vet.api))).toEqual([dogs.id]);
  });

  it('finds tickets by the phone typed into the search box, but not for wall displays', async () => {
    const caller = await stack.staff.operator.api.createTicket({
      reporterPhone: '+7 (777) 555-12-34',
      description: 'Water in the basement',
    });
    expect(ids(await list('q=777 555 12 34'))).toEqual([caller.id]);
    expect(ids(await list('q=5551234'))).toEqual([caller.id]);
    expect(ids(await list('q=777 555 12 34', stack.staff.display.api))).toEqual([]);
  });

  it.each([
    ['slaState=late', 'slaState'],
    ['atRisk=yes', 'atRisk'],
    ['riskWindowMinutes=0', 'riskWindowMinutes'],
    ['riskWindowMinutes=1441', 'riskWindowMinutes'],
    ['sort=oldest', 'sort'],
    ['cursor=1_2_3', 'cursor'],
    // A cursor of the other order is refused rather than silently restarting the list.
    ['sort=deadline&cursor=12', 'cursor'],
    ['sort=newest&cursor=n_12', 'cursor'],
  ])('rejects %s with 400 naming %s', async (query, field) => {
    const error = expectApiError(await supervisor.get(`/api/tickets?${query}`), 400, 'invalid_request');
    for (const name of Object.keys(error.fields ?? {}))
      expect(name).toMatch(new RegExp(`^${field}(\\.\\d+)?$`));
  });

  it('answers a stale command with the ticket as it is now and who changed it', async () => {
    const ticket = await stack.staff.operator.api.createTicket({ description: 'Two crews, one ticket' });
    expectTicket(await water.command(ticket.id, { type: 'ticket.accept', expectedVersion: ticket.version }));
    const res = await supervisor.command(ticket.id, {
      type: 'ticket.cancel',
      reason: 'Duplicate',
      expectedVersion: ticket.version,
    });
    expectApiError(res, 409, 'stale_version');
    const { error } = TicketConflict.parse(res.body);
    expect(error.ticket).toMatchObject({ id: ticket.id, state: 'accepted', version: ticket.version + 1 });
    expect(error.changedBy).toMatchObject({
      role: 'agency',
      eventType: 'ticket.accept',
      name: `Test agency (${stack.staff.water.user.agencyId})`,
    });
    expect(error.currentState).toBe('accepted');
    // An event the state no longer accepts carries the same.
    const late = await water.command(ticket.id, { type: 'ticket.accept' });
    expect(TicketConflict.parse(late.body).error).toMatchObject({ code: 'event_not_accepted' });
  });
});
