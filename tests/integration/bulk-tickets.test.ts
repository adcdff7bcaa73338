import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ticket } from '../../server/contracts/ticket.contract.ts';
import { BulkTicketAnswer } from '../../server/contracts/bulk-ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  VET_AGENCY,
  WATER_AGENCY,
  type ApiResponse,
  type SignedIn,
  type TestStack,
} from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('POST /api/tickets/bulk on %s', (kind) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(kind);
  });
  afterAll(() => stack?.close());

  const flooding = () => stack.staff.operator.api.createTicket();
  const bulk = (body: unknown, as: SignedIn = stack.staff.supervisor, key?: string): Promise<ApiResponse> =>
    as.api.send('POST', '/api/tickets/bulk', {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(key && { 'idempotency-key': key }) },
    });
  const answer = (res: ApiResponse) => {
    expectStatus(res, 200);
    return BulkTicketAnswer.parse(res.body);
  };

  it('applies one command to each ticket and reports every outcome in order', async () => {
    const [a, b, c, stale, closed] = await Promise.all([
      flooding(),
      flooding(),
      flooding(),
      flooding(),
      flooding(),
    ]);
    expectTicket(await stack.staff.water.api.command(stale!.id, { type: 'ticket.accept' }));
    expectTicket(
      await stack.staff.supervisor.api.command(closed!.id, { type: 'ticket.cancel', reason: 'Duplicate' }),
    );
    const result = answer(
      await bulk({
        ticketIds: [
          a!.id,
          { id: b!.id, expectedVersion: b!.version },
          c!.id,
          { id: stale!.id, expectedVersion: stale!.version },
          closed!.id,
          2_000_000,
        ],
        command: { type: 'ticket.assign', agencyId: VET_AGENCY },
      }),
    );
    expect(result).toMatchObject({ succeeded: 3, failed: 3 });
    expect(result.results.map((r) => r.ticketId)).toEqual([
      a!.id,
      b!.id,
      c!.id,
      stale!.id,
      closed!.id,
      2_000_000,
    ]);
    for (const [i, ticket] of [a!, b!, c!].entries())
      expect(result.results[i]).toEqual({
        ticketId: ticket.id,
        ok: true,
        version: ticket.version + 1,
        state: 'assigned',
      });
    expect(result.results[3]).toMatchObject({
      ok: false,
      error: {
        status: 409,
        code: 'stale_version',
        currentState: 'accepted',
        currentVersion: stale!.version + 1,
      },
    });
    expect(result.results[4]).toMatchObject({
      ok: false,
      error: { status: 409, code: 'event_not_accepted', currentState: 'cancelled' },
    });
    expect(result.results[5]).toMatchObject({ ok: false, error: { status: 404, code: 'not_found' } });
    const moved = await stack.staff.supervisor.api.ticket(a!.id);
    expect(moved.agencyId).toBe(VET_AGENCY);
    expect((await stack.staff.supervisor.api.ticket(stale!.id)).agencyId).toBe(WATER_AGENCY);
  });

  it("lets agency staff act on their own tickets only, and only with their agency's commands", async () => {
    const own = await flooding();
    const dogs = await stack.staff.operator.api.createTicket({ categoryId: 'stray-dogs' });
    const water = stack.staff.water;
    const comment = answer(
      await bulk(
        { ticketIds: [own.id, dogs.id], command: { type: 'ticket.comment', text: 'Crew on the way' } },
        water,
      ),
    );
    expect(comment.results[0]).toMatchObject({ ok: true });
    // Another agency's ticket answers as it would one at a time: not found, nothing about it told.
    expect(comment.results[1]).toEqual({
      ticketId: dogs.id,
      ok: false,
      error: { status: 404, code: 'not_found', message: `Ticket ${dogs.id} was not found.` },
    });
    const history = await stack.staff.supervisor.api.ticket(dogs.id);
    expect(history.events.some((e) => e.type === 'ticket.comment')).toBe(false);
    const assign = answer(
      await bulk({ ticketIds: [own.id], command: { type: 'ticket.assign', agencyId: VET_AGENCY } }, water),
    );
    expect(assign.results[0]).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
  });

  it('puts tickets on hold with a reason and an end, and cancels with a reason', async () => {
    const [x, y] = [await flooding(), await flooding()];
    const water = stack.staff.water;
    answer(await bulk({ ticketIds: [x.id, y.id], command: { type: 'ticket.accept' } }, water));
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const held = answer(
      await bulk(
        { ticketIds: [x.id, y.id], command: { type: 'ticket.hold', reason: 'Parts on order', until } },
        water,
      ),
    );
    expect(held.results.map((r) => r.ok && r.state)).toEqual(['on_hold', 'on_hold']);
    const cancelled = answer(
      await bulk({ ticketIds: [x.id, y.id], command: { type: 'ticket.cancel', reason: 'Duplicate' } }),
    );
    expect(cancelled.succeeded).toBe(2);
  });

  it.each<[string, unknown, string[]]>([
    ['an empty body', {}, ['ticketIds', 'command']],
    ['no tickets', { ticketIds: [], command: { type: 'ticket.accept' } }, ['ticketIds']],
    [
      '201 tickets',
      { ticketIds: Array.from({ length: 201 }, (_, i) => i + 1), command: { type: 'ticket.accept' } },
      ['ticketIds'],
    ],
    [
      'a ticket twice',
      { ticketIds: [5, { id: 5, expectedVersion: 2 }], command: { type: 'ticket.accept' } },
      ['ticketIds'],
    ],
    [
      'a ticket that is not an id',
      { ticketIds: ['abc'], command: { type: 'ticket.accept' } },
      ['ticketIds.0'],
    ],
    [
      'a version of 0',
      { ticketIds: [{ id: 3, expectedVersion: 0 }], command: { type: 'ticket.accept' } },
      ['ticketIds.0.expectedVersion'],
    ],
    ['an unknown command', { ticketIds: [1], command: { type: 'ticket.explode' } }, ['command.type']],
    [
      'a command without its reason',
      { ticketIds: [1], command: { type: 'ticket.cancel' } },
      ['command.reason'],
    ],
    [
      'a version on the command',
      { ticketIds: [1], command: { type: 'ticket.accept', expectedVersion: 3 } },
      ['command.expectedVersion'],
    ],
    [
      'an attachment',
      {
        ticketIds: [1],
        command: { type: 'ticket.attach', sha256: 'a'.repeat(64), mediaType: 'image/png', byteSize: 5 },
      },
      ['command.type'],
    ],
    ['an unknown field', { ticketIds: [1], command: { type: 'ticket.accept' }, force: true }, ['force']],
    [
      'a hold that ended already',
      { ticketIds: [1], command: { type: 'ticket.hold', reason: 'x', until: '2020-01-01T00:00:00Z' } },
      ['command.until'],
    ],
  ])('refuses %s with a 400 naming the fields', async (_name, body, fields) => {
    expectApiError(await bulk(body), 400, 'invalid_request', fields);
  });

  it('refuses an assignment to an agency that does not exist, before touching any ticket', async () => {
    const ticket = await flooding();
    const res = await bulk({
      ticketIds: [ticket.id],
      command: { type: 'ticket.assign', agencyId: 'no-such-agency' },
    });
    expectApiError(res, 422, 'unknown_reference', ['command.agencyId']);
    expect((await stack.staff.supervisor.api.ticket(ticket.id)).version).toBe(ticket.version);
  });

  it('honours an Idempotency-Key: a retry answers the same and comments once', async () => {
    const tickets: Ticket[] = [await flooding(), await flooding()];
    const body = {
      ticketIds: tickets.map((x) => x.id),
      command: { type: 'ticket.comment', text: 'Checked by the shift lead' },
    };
    const first = await bulk(body, stack.staff.supervisor, 'bulk-comment-1');
    const retry = await bulk(body, stack.staff.supervisor, 'bulk-comment-1');
    expect(answer(first).succeeded).toBe(2);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    for (const ticket of tickets) {
      const history = await stack.staff.supervisor.api.ticket(ticket.id);
      expect(history.events.filter((e) => e.type === 'ticket.comment')).toHaveLength(1);
    }
    const other = await bulk(
      { ...body, ticketIds: [tickets[0]!.id] },
      stack.staff.supervisor,
      'bulk-comment-1',
    );
    expectApiError(other, 422, 'idempotency_key_reused', ['idempotency-key']);
  });

  it('is in the OpenAPI document, with the Idempotency-Key it honours', async () => {
    const res = await stack.server.api().get('/api/openapi.json');
    const paths = (res.body as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> })
      .paths;
    const post = paths['/api/tickets/bulk']?.['post'];
    expect(post?.parameters?.map((p) => p.name)).toEqual(['Idempotency-Key']);
    expect(Object.keys(paths['/api/tickets/bulk']!)).toEqual(['post']);
  });

  it('needs a session', async () => {
    const res = await stack.server
      .api()
      .post('/api/tickets/bulk', { ticketIds: [1], command: { type: 'ticket.accept' } });
    expectApiError(res, 401, 'unauthenticated');
  });
});
