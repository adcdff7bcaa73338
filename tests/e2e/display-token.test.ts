import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssuedDisplayToken } from '../../server/contracts/display.contract.ts';
import { launchChromium } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;

// A wall screen opened by URL: no login form, the token gone from the address bar, the views of
// the token in turn, and a clear message once an administrator revokes it.
describe('wall display by URL end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-display-'));
  let server: ServerProcess;
  let browser: Browser;
  let admin: BrowserContext;

  /** A fresh browser, as a wall screen is: nothing stored, English, 1080p. */
  async function screen(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => {
      if (!localStorage.getItem('komek.locale')) localStorage.setItem('komek.locale', 'en');
    });
    return context;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' }),
      launchChromium(),
    ]);
    admin = await browser.newContext();
    const login = await admin.request.post(`${server.url}/api/auth/login`, {
      data: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs without a login, rotates to Yesil, and shows "revoked" after the administrator revokes it', async () => {
    const issued = await admin.request.post(`${server.url}/api/display-tokens`, {
      data: { label: 'Hall screen', view: { rotate: ['city', 'district:yesil'], intervalSeconds: 10 } },
    });
    expect(issued.status()).toBe(201);
    const display = IssuedDisplayToken.parse(await issued.json());

    const context = await screen();
    const wall = await context.newPage();
    await wall.goto(display.url);
    await wall.locator('[data-testid="wallboard"][data-connection="online"]').waitFor({ timeout: 10_000 });
    const address = new URL(wall.url());
    expect(address.pathname).toBe('/wallboard');
    expect(address.search).toBe('');
    expect(wall.url()).not.toContain(display.token);
    expect(await wall.getByTestId('wall-scope').getAttribute('data-scope')).toBe('city');

    const yesil = wall.locator('[data-testid="wall-scope"][data-scope="district:yesil"]');
    await yesil.waitFor({ timeout: 11_500 });
    expect(await yesil.innerText()).toContain('Yesil District');
    await wall.screenshot({ path: join(ARTIFACTS, 'display-yesil.png') });

    const revoked = await admin.request.delete(`${server.url}/api/display-tokens/${display.id}`);
    expect(revoked.status()).toBe(200);
    await wall.reload();
    const message = wall.getByTestId('display-revoked');
    await message.waitFor({ timeout: 10_000 });
    expect(await message.innerText()).toMatch(/Display link revoked/);
    expect(await wall.getByLabel('Password').count()).toBe(0);
    await context.close();
  });

  it('shows the same message, not the login form, for a link that never worked', async () => {
    const context = await screen();
    const wall = await context.newPage();
    await wall.goto(`${server.url}/wallboard?display=this-is-not-a-display-token`);
    await wall.getByTestId('display-revoked').waitFor({ timeout: 10_000 });
    expect(new URL(wall.url()).search).toBe('');
    expect(await wall.getByLabel('Password').count()).toBe(0);
    await context.close();
  });
});
