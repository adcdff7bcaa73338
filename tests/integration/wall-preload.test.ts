import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-server.ts';

// The header alone: that Chromium takes these answers instead of asking again is checked end to
// end (tests/e2e/wallboard.test.ts).
describe('the wall page names its first requests for the browser to send early', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('pglite');
  });
  afterAll(() => stack?.close());

  const linkOf = async (path: string, cookie?: string) =>
    (await stack.server.api(cookie).get(path)).headers.get('link');

  it('for a supervisor: who they are, the reference data, the whole city’s map and KPIs', async () => {
    const link = await linkOf('/wallboard', stack.staff.supervisor.cookie);
    expect(link?.split(', ')).toEqual([
      '</api/auth/me>; rel=preload; as=fetch; crossorigin',
      '</api/reference>; rel=preload; as=fetch; crossorigin',
      '</api/settings>; rel=preload; as=fetch; crossorigin',
      '</api/map/open-tickets?format=binary>; rel=preload; as=fetch; crossorigin',
      '</api/kpis>; rel=preload; as=fetch; crossorigin',
    ]);
  });

  it("for agency staff, their agency's map (the one their wall asks for)", async () => {
    const link = await linkOf('/wallboard', stack.staff.water.cookie);
    expect(link).toContain('</api/map/open-tickets?agencyId=astana-su-arnasy&format=binary>; rel=preload');
  });

  it('for nobody signed in, a display link still to be exchanged, or another page', async () => {
    expect(await linkOf('/wallboard')).toBeNull();
    expect(await linkOf('/wallboard?display=abc', stack.staff.supervisor.cookie)).toBeNull();
    expect(await linkOf('/tickets', stack.staff.supervisor.cookie)).toBeNull();
    expect(await linkOf('/wallboard', 'komek_session=not-a-session')).toBeNull();
  });
});
