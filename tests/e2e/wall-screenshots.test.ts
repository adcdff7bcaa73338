import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { launchChromium } from '../support/browser.ts';
import { englishContext, type Viewport } from '../support/browser-session.ts';
import { ticketFactory } from '../support/factories.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
/** The two screens of the centre's wall: a 1080p panel and a 4K one, both at 100% zoom. */
const SCREENS: Viewport[] = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
/** A morning's mix across the five districts, with long descriptions that must be cut cleanly. */
const APPEALS = [
  { categoryId: 'flooding', lat: 51.128, lon: 71.43 },
  { categoryId: 'road-damage', lat: 51.1734, lon: 71.617 },
  { categoryId: 'elevator', lat: 51.2339, lon: 71.4656 },
  { categoryId: 'open-manhole', lat: 51.0846, lon: 71.5216 },
  { categoryId: 'stray-dogs', lat: 51.2092, lon: 71.3309 },
  { categoryId: 'no-heating', lat: 51.1035, lon: 71.3402 },
  { categoryId: 'power-outage', lat: 51.16, lon: 71.42 },
  { categoryId: 'street-lighting', lat: 51.15, lon: 71.47 },
  { categoryId: 'garbage-not-collected', lat: 51.12, lon: 71.5 },
  { categoryId: 'sewer-blockage', lat: 51.19, lon: 71.4 },
  { categoryId: 'flooding', lat: 51.129, lon: 71.432 },
  { categoryId: 'dangerous-tree', lat: 51.14, lon: 71.38 },
];

// The wall as the centre's screens show it, saved as test artifacts at both sizes the issue names;
// the wall is laid out in units of the screen height, so both must fit without scrolling or clipping.
describe('wallboard screenshots at 1080p and 4K', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-wall-shots-'));
  let server: ServerProcess;
  let browser: Browser;
  let open = 0;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' }),
      launchChromium(),
    ]);
    const admin = await browser.newContext();
    const login = await admin.request.post(`${server.url}/api/auth/login`, {
      data: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const tickets: Ticket[] = [];
    for (const [i, appeal] of APPEALS.entries()) {
      const res = await admin.request.post(`${server.url}/api/tickets`, {
        data: ticketFactory({
          ...appeal,
          channel: i % 3 === 0 ? 'telegram' : 'phone',
          description: `${appeal.categoryId}: reported by a resident on the way to work, near entrance ${i + 1}`,
        }),
      });
      expect(res.status()).toBe(201);
      tickets.push((await res.json()) as Ticket);
    }
    // Some are being worked on, one was answered on the call.
    for (const [i, type] of ['ticket.accept', 'ticket.accept', 'ticket.start'].entries()) {
      if (type === 'ticket.start') await command(admin.request, tickets[i]!, 'ticket.accept');
      await command(admin.request, tickets[i]!, type);
    }
    const answered = await admin.request.post(`${server.url}/api/tickets`, {
      data: ticketFactory({ categoryId: 'road-damage', firstContactAnswer: 'Repairs are on Friday.' }),
    });
    expect(answered.status()).toBe(201);
    open = tickets.length;
    await admin.close();
  });

  async function command(request: APIRequestContext, ticket: Ticket, type: string): Promise<void> {
    const res = await request.post(`${server.url}/api/tickets/${ticket.id}/events`, { data: { type } });
    expect(res.status(), `${type} ${ticket.registrationNumber}: ${await res.text()}`).toBe(200);
  }

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(SCREENS)(
    'fills a $width×$height screen with nothing scrolled or cut, and is saved',
    async (size) => {
      const context = await englishContext(browser, size);
      try {
        const page = await context.newPage();
        const login = await page.request.post(`${server.url}/api/auth/login`, {
          data: { username: 'admin', password: ADMIN_PASSWORD },
        });
        expect(login.status()).toBe(200);
        await page.goto(`${server.url}/wallboard`);
        await page
          .locator('[data-testid="wallboard"][data-connection="online"]')
          .waitFor({ timeout: 10_000 });
        const map = page.locator('[data-testid="ticket-map"][data-complete="true"]');
        await map.waitFor({ timeout: 15_000 });
        await expect.poll(() => map.getAttribute('data-points')).toBe(String(open));
        const value = (name: string) => page.getByTestId(`kpi-${name}`).locator('.value').textContent();
        await expect.poll(() => value('open')).toBe(String(open));
        await expect.poll(() => value('received-today')).toBe(String(open + 1));
        await page.getByTestId('agency-board-row').first().waitFor({ timeout: 10_000 });
        await expect.poll(() => page.getByTestId('feed-item').count()).toBeGreaterThan(5);
        // Fonts and map tiles settle before the picture is taken.
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: join(ARTIFACTS, `wallboard-${size.width}x${size.height}.png`) });

        const overflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth > window.innerWidth,
          y: document.documentElement.scrollHeight > window.innerHeight,
          clipped: [...document.querySelectorAll('[data-testid^="kpi-"] h2, [data-testid="wallboard"] h1')]
            .filter((h) => h.scrollWidth > h.clientWidth)
            .map((h) => h.textContent),
        }));
        expect(overflow).toEqual({ x: false, y: false, clipped: [] });
      } finally {
        await context.close();
      }
    },
  );
});
