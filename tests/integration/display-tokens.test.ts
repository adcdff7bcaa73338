import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisplaySession, DisplayToken, IssuedDisplayToken } from '../../server/contracts/display.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  ApiClient,
  expectApiError,
  expectStatus,
  startTestStack,
  type TestStack,
} from '../support/test-server.ts';
import { connect, Inbox, openSocket } from '../support/test-socket.ts';

describe.each(DATABASE_KINDS)('wall display tokens on %s', (kind) => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(kind);
  });
  afterAll(() => stack?.close());

  /** What a screen does with its URL: trade the token for a session cookie. */
  async function openDisplay(token: string): Promise<{ cookie: string; session: DisplaySession }> {
    const res = await fetch(`${stack.server.url}/api/auth/display`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return { cookie, session: DisplaySession.parse(await res.json()) };
  }

  it('opens a wall by URL without a password, showing what the administrator chose, until revoked', async () => {
    const issued = await stack.staff.admin.api.post('/api/display-tokens', {
      label: 'Hall screen 2',
      view: { rotate: ['city', 'district:yesil', 'agency:astana-su-arnasy'], intervalSeconds: 20 },
    });
    expectStatus(issued, 201);
    const display = IssuedDisplayToken.parse(issued.body);
    expect(display.url).toBe(`${stack.server.url}/wallboard?display=${display.token}`);

    const { cookie, session } = await openDisplay(display.token);
    expect(session.user).toMatchObject({ role: 'display', displayName: 'Hall screen 2' });
    expect(session.view).toEqual({
      rotate: ['city', 'district:yesil', 'agency:astana-su-arnasy'],
      intervalSeconds: 20,
    });
    const screen = new ApiClient(stack.server.url, cookie);
    expectStatus(await screen.get('/api/kpis'), 200);
    const socket = openSocket(stack.server.url, cookie);
    new Inbox(socket);
    await connect(socket);
    const closed = new Promise<string>((resolve) => socket.on('disconnect', resolve));

    const listed = DisplayToken.array().parse((await stack.staff.admin.api.get('/api/display-tokens')).body);
    expect(listed.find((t) => t.id === display.id)).toMatchObject({
      label: 'Hall screen 2',
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(display.token);

    const revoked = await stack.staff.admin.api.send('DELETE', `/api/display-tokens/${display.id}`);
    expectStatus(revoked, 200);
    expect(await closed).toBe('io server disconnect');
    expectApiError(await screen.get('/api/kpis'), 401, 'unauthenticated');
    const again = await fetch(`${stack.server.url}/api/auth/display`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: display.token }),
    });
    expect(again.status).toBe(401);
    expect((await again.json()) as unknown).toMatchObject({ error: { code: 'invalid_display_token' } });
    expectApiError(
      await stack.staff.admin.api.send('DELETE', `/api/display-tokens/${display.id}`),
      404,
      'not_found',
    );
  });

  it('refuses bad requests precisely, and anyone but an administrator', async () => {
    expectApiError(
      await stack.staff.supervisor.api.post('/api/display-tokens', { label: 'X' }),
      403,
      'forbidden',
    );
    const bad = await stack.staff.admin.api.post('/api/display-tokens', {
      label: '',
      view: { rotate: ['planet:mars'], intervalSeconds: 1 },
    });
    expect(Object.keys(expectApiError(bad, 400, 'invalid_request').fields ?? {}).sort()).toEqual([
      'label',
      'view.intervalSeconds',
      'view.rotate.0',
    ]);
    expectApiError(
      await stack.server.api().post('/api/auth/display', { token: 'short' }),
      400,
      'invalid_request',
      ['token'],
    );
  });
});
