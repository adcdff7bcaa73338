import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { launchChromium } from '../support/browser.ts';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;

// The real thing end to end: `node server/main.ts` on embedded PGlite in a temporary DATA_DIR,
// the built SvelteKit app, and Debian's Chromium.
describe('wallboard end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-'));
  let port: number;
  let server: ServerProcess;
  let browser: Browser;
  let supervisor: BrowserContext;

  const start = () => startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' }, port);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    port = await freePort();
    server = await start();
    browser = await launchChromium();
    supervisor = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await supervisor.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL((url) => url.pathname !== '/login');
  }

  async function createTicket(page: Page, body: Record<string, unknown>): Promise<Ticket> {
    const res = await page.request.post(`${server.url}/api/tickets`, { data: body });
    expect(res.status()).toBe(201);
    return (await res.json()) as Ticket;
  }

  it('shows a ticket created through the API on the wall within a second, without reload', async () => {
    const page = await supervisor.newPage();
    await logIn(page, 'admin', ADMIN_PASSWORD);
    const asked = new Map<string, number>();
    page.on('request', (req) => {
      const { pathname, search } = new URL(req.url());
      if (pathname.startsWith('/api/')) asked.set(pathname + search, (asked.get(pathname + search) ?? 0) + 1);
    });
    const wallPage = await page.goto(`${server.url}/wallboard`);
    await page.locator('[data-testid="wallboard"][data-connection="online"]').waitFor({ timeout: 10_000 });
    // The page named its first requests for the browser to send while the app loaded, and the app
    // took those answers instead of asking again.
    const preloaded = [
      '/api/auth/me',
      '/api/reference',
      '/api/settings',
      '/api/map/open-tickets?format=binary',
      '/api/kpis',
    ];
    expect(await wallPage!.headerValue('link')).toBe(
      preloaded.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`).join(', '),
    );
    for (const path of preloaded) expect({ path, times: asked.get(path) }).toEqual({ path, times: 1 });

    const ticket = await createTicket(page, {
      categoryId: 'open-manhole',
      channel: 'phone',
      description: 'Open manhole at the bus stop',
      lat: 51.128,
      lon: 71.43,
    });
    expect(ticket.registrationNumber).toMatch(/^\d{4}-\d{6}$/);
    const item = page.getByTestId('feed-item').filter({ hasText: ticket.registrationNumber! });
    await item.waitFor({ state: 'visible', timeout: 1000 });
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-first-appeal.png') });
  });

  it('an agency user moves a ticket and the supervisor’s wall shows it live', async () => {
    const wall = await supervisor.newPage();
    await wall.goto(`${server.url}/wallboard`);
    await wall.locator('[data-testid="wallboard"][data-connection="online"]').waitFor({ timeout: 10_000 });

    const created = await wall.request.post(`${server.url}/api/users`, {
      data: {
        username: 'su-crew',
        displayName: 'Water crew',
        password: 'crew-password-1',
        role: 'agency',
        agencyId: 'astana-su-arnasy',
      },
    });
    expect(created.status()).toBe(201);
    const ticket = await createTicket(wall, {
      categoryId: 'flooding',
      description: 'Street flooded',
      lat: 51.13,
      lon: 71.44,
    });
    expect(ticket.agencyId).toBe('astana-su-arnasy');

    const agency = await browser.newContext();
    await agency.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
    const console = await agency.newPage();
    await logIn(console, 'su-crew', 'crew-password-1');
    await console.goto(`${server.url}/tickets/${ticket.id}`);
    await console.getByRole('button', { name: 'Start work' }).click();

    const item = wall.getByTestId('feed-item').filter({ hasText: ticket.registrationNumber! });
    await expect.poll(() => item.first().innerText(), { timeout: 2000 }).toMatch(/In progress/i);
    await agency.close();
  });

  it('catches up from the event log after the connection drops, and says so while it is down', async () => {
    const page = await supervisor.newPage();
    await page.goto(`${server.url}/wallboard`);
    await page.locator('[data-testid="wallboard"][data-connection="online"]').waitFor({ timeout: 10_000 });
    const banner = page.getByTestId('connection-banner');
    expect(await banner.isVisible()).toBe(false);

    await supervisor.setOffline(true);
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    // Filed while the wall cannot hear: only the resync on reconnect can bring it.
    const cookie = (await supervisor.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        categoryId: 'stray-dogs',
        description: 'Dogs by the school',
        lat: 51.16,
        lon: 71.42,
      }),
    });
    expect(res.status).toBe(201);
    const missed = (await res.json()) as Ticket;
    await supervisor.setOffline(false);

    await banner.waitFor({ state: 'hidden', timeout: 15_000 });
    await page
      .getByTestId('feed-item')
      .filter({ hasText: missed.registrationNumber! })
      .waitFor({ state: 'visible', timeout: 5000 });
  });

  it('keeps accepted tickets through a crash (kill -9), shows the outage and resyncs on reconnect', async () => {
    const page = await supervisor.newPage();
    await page.goto(`${server.url}/wallboard`);
    await page.locator('[data-testid="wallboard"][data-connection="online"]').waitFor({ timeout: 10_000 });
    const ticket = await createTicket(page, {
      categoryId: 'elevator',
      description: 'Lift stuck between floors',
      address: 'пр. Туран, 37',
    });

    await server.stop('SIGKILL');
    await page.getByTestId('connection-banner').waitFor({ state: 'visible', timeout: 10_000 });
    server = await start();
    await page.getByTestId('connection-banner').waitFor({ state: 'hidden', timeout: 15_000 });

    const list = await page.request.get(`${server.url}/api/tickets/${ticket.id}`);
    expect(list.status()).toBe(200);
    await page.goto(`${server.url}/tickets`);
    await page
      .getByTestId('ticket-row')
      .filter({ hasText: ticket.registrationNumber! })
      .waitFor({ state: 'visible', timeout: 5000 });
  });
});
