import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { ticketFactory } from '../support/factories.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectApiError, startTestStack, type ApiResponse, type TestStack } from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('Idempotency-Key on %s', (kind) => {
  let stack: TestStack;
  let now = Date.now();
  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date(now) });
  });
  afterAll(() => stack?.close());

  const post = (path: string, body: unknown, key: string, as = stack.staff.operator): Promise<ApiResponse> =>
    as.api.send('POST', path, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
    });
  const count = async () =>
    (await stack.server.komek.db.query<{ n: number }>('select count(*)::int as n from tickets'))[0]!.n;

  it('a retried create returns the first ticket and creates no second one', async () => {
    const body = ticketFactory();
    const before = await count();
    const first = await post('/api/tickets', body, 'create-1');
    const retry = await post('/api/tickets', body, 'create-1');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((retry.body as Ticket).registrationNumber).toBe((first.body as Ticket).registrationNumber);
    expect(await count()).toBe(before + 1);
  });

  it('concurrent retries with one key still create exactly one ticket', async () => {
    const body = ticketFactory();
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/api/tickets', body, 'burst-1')));
    expect(await count()).toBe(before + 1);
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of answers.filter((x) => x.status !== 201)) expectApiError(a, 409, 'request_in_progress');
    expect(new Set(created.map((a) => (a.body as Ticket).id)).size).toBe(1);
  });

  it('a retried event is applied once and answers the same', async () => {
    const ticket = await stack.staff.operator.api.createTicket();
    const command = {
      type: 'ticket.comment',
      text: 'Resident called again',
      expectedVersion: ticket.version,
    };
    const first = await post(`/api/tickets/${ticket.id}/events`, command, 'comment-1', stack.staff.water);
    const retry = await post(`/api/tickets/${ticket.id}/events`, command, 'comment-1', stack.staff.water);
    expect(first.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const history = await stack.staff.supervisor.api.ticket(ticket.id);
    expect(history.events.filter((e) => e.type === 'ticket.comment')).toHaveLength(1);
  });

  it('replays a refusal too, and refuses the key for a different request', async () => {
    const bad = { ...ticketFactory(), categoryId: 'no-such-category' };
    expectApiError(await post('/api/tickets', bad, 'bad-1'), 422, 'unknown_reference');
    expectApiError(await post('/api/tickets', bad, 'bad-1'), 422, 'unknown_reference');
    const other = await post('/api/tickets', ticketFactory(), 'bad-1');
    expect(Object.keys(expectApiError(other, 422, 'idempotency_key_reused').fields ?? {})).toEqual([
      'idempotency-key',
    ]);
  });

  it('keeps keys per user and checks their form', async () => {
    const body = ticketFactory();
    const a = await post('/api/tickets', body, 'shared-key', stack.staff.operator);
    const b = await post('/api/tickets', body, 'shared-key', stack.staff.supervisor);
    expect((a.body as Ticket).id).not.toBe((b.body as Ticket).id);
    const invalid = await post('/api/tickets', body, 'spaces are not allowed');
    expect(Object.keys(expectApiError(invalid, 400, 'invalid_request').fields ?? {})).toEqual([
      'idempotency-key',
    ]);
  });

  it('forgets a key after a day: the same key and request then run again', async () => {
    const body = ticketFactory();
    const first = await post('/api/tickets', body, 'kept-a-day');
    expect((await post('/api/tickets', body, 'kept-a-day')).body).toEqual(first.body);
    now += 25 * 3_600_000;
    const later = await post('/api/tickets', body, 'kept-a-day');
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect((later.body as Ticket).id).not.toBe((first.body as Ticket).id);
  });
});
