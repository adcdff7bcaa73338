import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionUser } from '../../server/contracts/auth.contract.ts';
import { SESSION_COOKIE } from '../../server/auth/cookies.ts';
import { createUser, login, TEST_PASSWORD } from '../support/factories.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  apiError,
  expectStatus,
  startTestStack,
  type ApiClient,
  type TestStack,
} from '../support/test-server.ts';

describe.each(DATABASE_KINDS)('auth on %s', (kind) => {
  let stack: TestStack;
  let anonymous: ApiClient;

  beforeAll(async () => {
    stack = await startTestStack(kind);
    anonymous = stack.server.api();
  });
  afterAll(() => stack?.close());

  it('refuses a wrong password or an unknown user alike with 401 invalid_credentials', async () => {
    const { username } = stack.staff.operator.user;
    for (const body of [
      { username, password: 'not-the-password' },
      { username: 'nobody-here', password: TEST_PASSWORD },
    ]) {
      const res = await anonymous.post('/api/auth/login', body);
      expect(res.status).toBe(401);
      expect(apiError(res)).toMatchObject({
        code: 'invalid_credentials',
        fields: { password: 'wrong username or password' },
      });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('refuses a login body without fields with 400 naming them', async () => {
    const res = await anonymous.post('/api/auth/login', { username: '' });
    expect(res.status).toBe(400);
    const error = apiError(res);
    expect(error.code).toBe('invalid_request');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['password', 'username']);
    expect(
      apiError(await anonymous.post('/api/auth/login', { username: 'a\u0000b', password: 'x' })),
    ).toMatchObject({
      code: 'invalid_request',
      fields: { username: 'must not contain NUL characters' },
    });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie for the whole site, and /me answers with it', async () => {
    const { user } = stack.staff.supervisor;
    const res = await anonymous.post('/api/auth/login', {
      username: user.username.toUpperCase(),
      password: user.password,
    });
    expectStatus(res, 200);
    expect(SessionUser.parse((res.body as { user: unknown }).user)).toEqual({
      id: user.id,
      username: user.username,
      displayName: 'Test supervisor',
      role: 'supervisor',
      agencyId: null,
    });
    const [setCookie, ...others] = res.headers.getSetCookie();
    expect(others).toEqual([]);
    const attributes = setCookie!.split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}$`));
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Lax');
    expect(attributes).toContain('Path=/');
    expect(attributes.some((a) => a.startsWith('Expires='))).toBe(true);
    expect(attributes).not.toContain('Secure');

    const me = await stack.server.api(attributes[0]).get('/api/auth/me');
    expectStatus(me, 200);
    expect(SessionUser.parse((me.body as { user: unknown }).user).id).toBe(user.id);
  });

  it('answers /me without a session with 401 unauthenticated', async () => {
    const res = await anonymous.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(apiError(res).code).toBe('unauthenticated');
  });

  it('ends the session at logout: the old cookie no longer works', async () => {
    const user = await createUser(stack.server.komek.db, { role: 'operator' });
    const cookie = await login(stack.server.url, user.username, user.password);
    const other = await login(stack.server.url, user.username, user.password);
    const api = stack.server.api(cookie);
    expectStatus(await api.get('/api/auth/me'), 200);

    const logout = await api.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie().join()).toMatch(
      new RegExp(`^${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`),
    );

    for (const path of ['/api/auth/me', '/api/tickets']) {
      const res = await api.get(path);
      expect(res.status).toBe(401);
      expect(apiError(res).code).toBe('unauthenticated');
    }
    // Only that session ended: another login of the same user still works.
    expectStatus(await stack.server.api(other).get('/api/auth/me'), 200);
    // Logging out without a session is harmless.
    expect((await anonymous.post('/api/auth/logout')).status).toBe(204);
  });

  it("hides the resident's name and phone from wall displays only", async () => {
    const created = await stack.staff.operator.api.createTicket({
      reporterName: 'Dana Serikova',
      reporterPhone: '+7 702 555 01 02',
    });
    expect(created).toMatchObject({ reporterName: 'Dana Serikova', reporterPhone: '+7 702 555 01 02' });
    expect(await stack.staff.supervisor.api.ticket(created.id)).toMatchObject({
      reporterName: 'Dana Serikova',
      reporterPhone: '+7 702 555 01 02',
    });
    expect(await stack.staff.water.api.ticket(created.id)).toMatchObject({
      reporterPhone: '+7 702 555 01 02',
    });

    expect(await stack.staff.display.api.ticket(created.id)).toMatchObject({
      reporterName: null,
      reporterPhone: null,
    });
    const page = await stack.staff.display.api.get('/api/tickets');
    expectStatus(page, 200);
    const items = (page.body as { items: { id: number; reporterName: unknown; reporterPhone: unknown }[] })
      .items;
    expect(items.find((t) => t.id === created.id)).toMatchObject({ reporterName: null, reporterPhone: null });
    expect(items.every((t) => t.reporterName === null && t.reporterPhone === null)).toBe(true);
  });
});
