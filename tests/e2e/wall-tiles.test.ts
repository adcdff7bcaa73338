import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { ticketFactory } from '../support/factories.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const MINUTE_MS = 60_000;

// The wall's tiles and agency board from the real server on PostgreSQL, so the test can lay down
// the minute samples a running server would have taken over the last hour.
describe('wall KPI tiles and agency board end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-tiles-'));
  let database: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const [row] = await database.db.query<{ name: string }>('select current_database() as name');
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${row!.name}`;
    server = await startServerProcess({
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      ADMIN_PASSWORD,
      SIMULATOR: 'off',
      FIRST_CONTACT_TARGET: '0.85',
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
    page = await context.newPage();
    const login = await page.request.post(`${server.url}/api/auth/login`, {
      data: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
    // Three appeals routed to agencies, one answered on the call: first contact 1 of 4 (25%).
    for (const body of [
      ticketFactory({ categoryId: 'flooding' }),
      ticketFactory({ categoryId: 'flooding' }),
      ticketFactory({ categoryId: 'stray-dogs' }),
      ticketFactory({ categoryId: 'road-damage', firstContactAnswer: 'Repairs are scheduled for Friday.' }),
    ])
      expect((await page.request.post(`${server.url}/api/tickets`, { data: body })).status()).toBe(201);
    // An hour of samples, the backlog growing from 0 to 3, instead of the server's own (and one for
    // the next minute, so the sampler cannot slip one in if the minute turns during the test).
    await database.db.query('delete from kpi_samples');
    const now = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
    for (let m = 60; m >= -1; m--)
      await database.db.query(
        `insert into kpi_samples (at, figures) values ($1, $2) on conflict do nothing`,
        [
          new Date(now - m * MINUTE_MS),
          {
            receivedToday: 4,
            open: Math.min(3, Math.round(((60 - m) / 60) * 3)),
            overdue: 0,
            firstContactRate: 0.25,
            processedRate: 0.25,
            ackCompliance: null,
            resolveCompliance: null,
            resolveMinutesP50: null,
          },
        ],
      );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows each figure with its target, coloured by its threshold, with its trend, and the agency board', async () => {
    await page.goto(`${server.url}/wallboard`);
    const tile = (name: string) => page.getByTestId(`kpi-${name}`);
    await expect.poll(() => tile('open').locator('.value').textContent(), { timeout: 15_000 }).toBe('3');
    await expect.poll(() => tile('received-today').locator('.value').textContent()).toBe('4');
    // 25% against 85%: red, and the tile says what the target is.
    await expect.poll(() => tile('first-contact').getAttribute('data-level')).toBe('bad');
    expect(await tile('first-contact').locator('.value').textContent()).toBe('25%');
    expect(await tile('first-contact').textContent()).toContain('target 85%');
    expect(await tile('overdue').getAttribute('data-level')).toBe('good');
    // The backlog's trend is drawn from the samples, and says which way it went.
    const trend = page.getByTestId('kpi-open-trend');
    await trend.waitFor({ timeout: 10_000 });
    expect(await trend.getAttribute('aria-label')).toMatch(/^up 3 in 3 h$/);
    expect(await trend.locator('path').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+/);
    // Channels: three by phone (the factory's default) and the answered call.
    expect(await tile('by-channel').textContent()).toContain('Phone 109');

    const board = page.getByTestId('agency-board');
    await board.waitFor({ timeout: 10_000 });
    const rows = page.getByTestId('agency-board-row');
    await expect.poll(() => rows.count()).toBe(2);
    const water = rows.first();
    expect(await water.getAttribute('data-agency')).toBe('astana-su-arnasy');
    expect(await water.locator('td').first().textContent()).toBe('2');
  });

  it('fits the 1080p screen in every language, no tile name or state in the feed cut off', async () => {
    // Kazakh names run longest ("Мерзімінде қабылданды", "Өтініш кезінде жабылды"): they are set smaller.
    for (const locale of ['en', 'kk', 'ru']) {
      await page.locator(`button[lang="${locale}"]`).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
      await expect
        .poll(() =>
          page.evaluate(() => {
            const cut = (selector: string) =>
              [...document.querySelectorAll<HTMLElement>(selector)]
                .filter((e) => e.scrollWidth > e.clientWidth)
                .map((e) => e.textContent);
            return {
              x: document.documentElement.scrollWidth > window.innerWidth,
              y: document.documentElement.scrollHeight > window.innerHeight,
              tiles: cut('[data-testid^="kpi-"] h2'),
              feed: cut('[data-testid="feed-item"] .state .text'),
              states: document.querySelectorAll('[data-testid="feed-item"] .state').length,
            };
          }),
        )
        .toEqual({ x: false, y: false, tiles: [], feed: [], states: 3 });
    }
  });
});
