import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { ticketFactory } from '../support/factories.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { inParallel } from '../support/timer-restart-fixtures.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
const TICKETS = 300;
/** Three crowded parts of the city and a few appeals on their own. */
const SPOTS = [
  { lat: 51.128, lon: 71.43 },
  { lat: 51.2, lon: 71.55 },
  { lat: 51.11, lon: 71.36 },
];

// The wall's map with a few hundred open appeals: clusters with counts, not hundreds of dots, and
// the heat map switched from the keyboard and remembered.
describe('wall map clusters end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-map-'));
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
    page = await context.newPage();
    const login = await page.request.post(`${server.url}/api/auth/login`, {
      data: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
    await inParallel(TICKETS, 8, async (i) => {
      const spot = SPOTS[i % SPOTS.length]!;
      const lone = i % 50 === 0;
      const res = await page.request.post(`${server.url}/api/tickets`, {
        data: ticketFactory({
          categoryId: i % 2 ? 'road-damage' : 'flooding',
          lat: lone ? 51.04 + i / 10_000 : spot.lat + ((i * 7) % 40) / 4000,
          lon: lone ? 71.66 - i / 10_000 : spot.lon + ((i * 13) % 40) / 4000,
        }),
      });
      expect(res.status()).toBe(201);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the open appeals as a few clusters whose counts add up, not hundreds of markers', async () => {
    await page.goto(`${server.url}/wallboard`);
    const map = page.locator('[data-testid="ticket-map"][data-complete="true"]');
    await map.waitFor({ timeout: 15_000 });
    await expect.poll(() => map.getAttribute('data-points')).toBe(String(TICKETS));
    const clusters = page.getByTestId('map-cluster');
    const counts = (await clusters.evaluateAll((els) =>
      els.map((el) => Number(el.dataset['count'])),
    )) as number[];
    const singles = Number(await map.getAttribute('data-singles'));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.length + singles).toBeLessThan(40);
    expect(counts.reduce((a, b) => a + b, 0) + singles).toBe(TICKETS);
    // The label is the count, written out.
    const biggest = Math.max(...counts);
    await expect.poll(() => clusters.filter({ hasText: String(biggest) }).count()).toBeGreaterThan(0);
    // Appeals filed just now are all on time: the discs are green.
    expect(await clusters.first().getAttribute('data-sla')).toBe('on_time');
    // No district's name lies under a disc, nor under another name: names move to a clear place.
    const covered = () =>
      page.evaluate(() => {
        const rects = (selector: string) =>
          [...document.querySelectorAll(selector)].map((el) => ({ el, r: el.getBoundingClientRect() }));
        const meet = (a: DOMRect, b: DOMRect) =>
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const names = rects('.district-label span');
        const discs = rects('[data-testid="map-cluster"]');
        return names
          .filter(
            ({ el, r }) => discs.some((d) => meet(r, d.r)) || names.some((n) => n.el !== el && meet(r, n.r)),
          )
          .map(({ el }) => el.textContent);
      });
    await expect.poll(covered).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-map-clusters.png') });
  });

  it('switches to the heat map from the keyboard, remembers it, and switches back', async () => {
    const toggle = page.getByRole('button', { name: 'Heat map' });
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const map = page.getByTestId('ticket-map');
    await expect.poll(() => map.getAttribute('data-view')).toBe('heat');
    expect(await page.getByTestId('map-cluster').count()).toBe(0);
    expect(await page.locator('canvas.komek-heat').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-map-heat.png') });

    await page.reload();
    await page.locator('[data-testid="ticket-map"][data-complete="true"]').waitFor({ timeout: 15_000 });
    const again = page.getByRole('button', { name: 'Heat map' });
    expect(await again.getAttribute('aria-pressed')).toBe('true');
    await again.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('ticket-map').getAttribute('data-view')).toBe('clusters');
    await expect.poll(() => page.getByTestId('map-cluster').count()).toBeGreaterThan(0);
  });
});
