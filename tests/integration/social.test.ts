import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listTicketMessages } from '../../db/queries/outbox.ts';
import { SocialPost } from '../../server/contracts/social.contract.ts';
import { signDelivery } from '../../server/social/social-signature.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  type TestStack,
} from '../support/test-server.ts';
import { connect, openSocket, type ClientSocket } from '../support/test-socket.ts';

const SECRET = 'instagram-connector-secret-0001';

describe.each(DATABASE_KINDS)('social networks on %s', (kind) => {
  let stack: TestStack;
  let now = Date.parse('2026-11-25T06:00:00Z');
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    stack = await startTestStack(kind, {
      clock: () => new Date(now),
      env: { SOCIAL_WEBHOOK_SECRETS: `instagram=${SECRET},telegram-channel=another-secret-of-16` },
    });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => stack?.close());

  let counter = 0;
  const post = (overrides: Record<string, unknown> = {}) => ({
    externalId: `ig-${++counter}`,
    kind: 'mention',
    author: { handle: '@aigerim', name: 'Aigerim B.' },
    text: '#astana109 Открытый люк у школы №45 на Кенесары, дети ходят рядом',
    url: 'https://instagram.com/p/abc',
    postedAt: new Date(now - 60_000).toISOString(),
    location: { lat: 51.1605, lon: 71.4704 },
    ...overrides,
  });

  /** Delivers a body as a connector does: signed with `secret` at `at` (Unix seconds). */
  const deliver = (
    body: string,
    {
      source = 'instagram',
      secret = SECRET,
      at = Math.floor(now / 1000),
      headers = {} as Record<string, string>,
    } = {},
  ) =>
    stack.server.api().send('POST', `/webhooks/social/${source}`, {
      body,
      headers: {
        'content-type': 'application/json',
        'x-komek-signature': signDelivery(secret, at, body),
        'x-komek-timestamp': String(at),
        ...headers,
      },
    });
  const queue = async () => {
    const res = await stack.staff.operator.api.get('/api/social-posts');
    expectStatus(res, 200);
    return SocialPost.array().parse(res.body);
  };

  it('keeps a signed post in the triage queue once, however often it is delivered, and tells the wall', async () => {
    const socket = openSocket(stack.server.url, stack.staff.supervisor.cookie);
    sockets.push(socket);
    const arrived = new Promise<unknown>((resolve) => socket.on('social:received', resolve));
    await connect(socket);

    const body = JSON.stringify(post({ connectorField: 'kept in the original' }));
    const first = await deliver(body);
    expectStatus(first, 201);
    const again = await deliver(body);
    expectStatus(again, 200);
    expect(again.body).toEqual({ id: (first.body as { id: number }).id, duplicate: true });
    expect(SocialPost.parse(await arrived)).toMatchObject({ source: 'instagram', status: 'new' });
    const [stored] = await stack.server.komek.db.query<{ raw: Record<string, unknown> }>(
      'select raw from social_posts where id = $1',
      [(first.body as { id: number }).id],
    );
    expect(stored!.raw.connectorField).toBe('kept in the original');
    expect((await queue()).filter((p) => p.externalId === `ig-${counter}`)).toHaveLength(1);
  });

  it('refuses forged, altered, replayed and malformed deliveries, naming the problem', async () => {
    const body = JSON.stringify(post());
    expectApiError(await deliver(body, { secret: 'not-the-secret-at-all' }), 401, 'bad_signature', [
      'X-Komek-Signature',
    ]);
    const at = Math.floor(now / 1000);
    const altered = await stack.server.api().send('POST', '/webhooks/social/instagram', {
      body: body.replace('люк', 'лук'),
      headers: { 'x-komek-signature': signDelivery(SECRET, at, body), 'x-komek-timestamp': String(at) },
    });
    expectApiError(altered, 401, 'bad_signature');
    expectApiError(await deliver(body, { at: at - 600 }), 401, 'bad_signature', ['X-Komek-Timestamp']);
    const unsigned = await stack.server.api().send('POST', '/webhooks/social/instagram', { body });
    expectApiError(unsigned, 401, 'bad_signature');
    expectApiError(await deliver(body, { source: 'myspace' }), 404, 'not_found');
    expectApiError(await deliver('{"externalId": '), 400, 'malformed_json');
    const error = expectApiError(
      await deliver(JSON.stringify(post({ kind: 'story', text: '' }))),
      400,
      'invalid_request',
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['kind', 'text']);
    expectApiError(await deliver('x'.repeat(300 * 1024)), 413, 'payload_too_large');
  });

  it('turns a post into an appeal linked to it, and answers its author through the connector', async () => {
    const delivered = await deliver(JSON.stringify(post()));
    const { id } = delivered.body as { id: number };
    const ticket = expectTicket(
      await stack.staff.operator.api.post(`/api/social-posts/${id}/convert`, { categoryId: 'open-manhole' }),
      201,
    );
    expect(ticket).toMatchObject({
      channel: 'social',
      categoryId: 'open-manhole',
      state: 'assigned',
      lat: 51.1605,
    });
    expect(ticket.description).toContain('Открытый люк');
    const converted = (await stack.staff.operator.api.get('/api/social-posts?status=converted'))
      .body as SocialPost[];
    expect(converted.find((p) => p.id === id)).toMatchObject({
      ticketId: ticket.id,
      handledBy: stack.staff.operator.user.id,
    });
    const [reply] = await listTicketMessages(stack.server.komek.db, ticket.id);
    expect(reply).toMatchObject({
      channel: 'connector',
      address: `instagram:ig-${counter}`,
      kind: 'registered',
    });

    // Whoever comes second finds it handled, and no second ticket exists.
    expectApiError(
      await stack.staff.supervisor.api.post(`/api/social-posts/${id}/convert`, {
        categoryId: 'open-manhole',
      }),
      409,
      'post_already_handled',
    );
    expectApiError(
      await stack.staff.operator.api.post(`/api/social-posts/${id}/dismiss`, { reason: 'Spam' }),
      409,
      'post_already_handled',
    );
    const tickets = await stack.server.komek.db.query<{ n: number }>(
      "select count(*)::int as n from tickets where channel = 'social'",
    );
    expect(tickets[0]!.n).toBe(1);
  });

  it('dismisses a post with a reason the author is told, and lets only the centre triage', async () => {
    const { id } = (await deliver(JSON.stringify(post({ text: 'Какая красивая Астана сегодня!' })))).body as {
      id: number;
    };
    expectApiError(
      await stack.staff.water.api.post(`/api/social-posts/${id}/dismiss`, { reason: 'Not an appeal' }),
      403,
      'forbidden',
    );
    expectApiError(
      await stack.staff.operator.api.post(`/api/social-posts/${id}/dismiss`, {}),
      400,
      'invalid_request',
      ['reason'],
    );
    const res = await stack.staff.operator.api.post(`/api/social-posts/${id}/dismiss`, {
      reason: 'Not an appeal',
    });
    expectStatus(res, 200);
    expect(SocialPost.parse(res.body)).toMatchObject({ status: 'dismissed', dismissReason: 'Not an appeal' });
    const replies = await stack.server.komek.db.query<{ kind: string; address: string; payload: unknown }>(
      "select kind, address, payload from outbox_messages where kind = 'post_dismissed'",
    );
    expect(replies).toEqual([
      { kind: 'post_dismissed', address: `instagram:ig-${counter}`, payload: { reason: 'Not an appeal' } },
    ]);
    expect((await queue()).map((p) => p.id)).not.toContain(id);
    expectApiError(
      await stack.staff.operator.api.post('/api/social-posts/999999/convert', { categoryId: 'open-manhole' }),
      404,
      'not_found',
    );
    now += 1000;
  });

  it('needs a location to convert a post that has none', async () => {
    const { id } = (await deliver(JSON.stringify(post({ location: undefined })))).body as { id: number };
    expectApiError(
      await stack.staff.operator.api.post(`/api/social-posts/${id}/convert`, { categoryId: 'open-manhole' }),
      400,
      'invalid_request',
      ['address'],
    );
    expectApiError(
      await stack.staff.operator.api.post(`/api/social-posts/${id}/convert`, {
        categoryId: 'no-such-thing',
        address: 'Кенесары 40',
      }),
      422,
      'unknown_reference',
    );
    expect((await queue()).map((p) => p.id)).toContain(id);
  });
});
