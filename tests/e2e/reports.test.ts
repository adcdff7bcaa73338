import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport, MonthlySummary } from '../../server/contracts/kpi-report.contract.ts';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { loadConfig } from '../../server/config.ts';
import { startOfCityDay } from '../../server/kpi/city-day.ts';
import { createLogger } from '../../server/logger.ts';
import { seededRandom } from '../../server/simulator/random.ts';
import { Simulator } from '../../server/simulator/simulator.ts';
import { startKomek, type RunningKomek } from '../../server/start.ts';
import { launchChromium } from '../support/browser.ts';
import { createUser, TEST_PASSWORD, ticketFactory } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
const HOUR_MS = 3_600_000;
const en = (n: number) => n.toLocaleString('en-GB');

// The reports screen end to end: the built app on embedded PGlite, after a Komek whose clock the
// suite moves has filled the past ten days (and a few days a month and a year ago) with simulated
// traffic; today holds five appeals the suite files itself, whose figures the page must show exactly.
describe('the reports screen', () => {
  let database: TestDatabase;
  let komek: RunningKomek;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The server's clock: a fixed instant while the past is simulated, the real one afterwards. */
  let simulatedMs: number | null = null;
  let month = '';

  /** A day of simulated appeals from 08:00 in the city: `ticks` half-hours at `ratePerMinute`. */
  async function simulateDay(dayStartMs: number, ratePerMinute: number, ticks: number, seed: number) {
    simulatedMs = dayStartMs + 8 * HOUR_MS;
    const simulator = new Simulator(
      komek.db,
      komek.tickets,
      ratePerMinute,
      createLogger('silent'),
      seededRandom(seed),
      () => simulatedMs!,
    );
    await simulator.prepare();
    for (let tick = 0; tick < ticks; tick++) {
      simulatedMs += HOUR_MS / 2;
      await simulator.tick();
    }
    await simulator.stop();
  }

  /**
   * The past, oldest first: two days a year ago and two the month before (so the monthly summary
   * has something to compare with), then the last ten days, busier on some than on others.
   */
  async function simulatePast(timeZone: string): Promise<void> {
    const now = new Date();
    const today = startOfCityDay(now, timeZone).getTime();
    const dayOf = (monthsBack: number, day: number) => {
      const d = new Date(now);
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - monthsBack);
      d.setUTCDate(day);
      return startOfCityDay(new Date(d.getTime() + 12 * HOUR_MS), timeZone).getTime();
    };
    for (const [i, monthsBack] of [12, 12, 1, 1].entries())
      await simulateDay(dayOf(monthsBack, i % 2 === 0 ? 3 : 10), 360, 8, 100 + i);
    const ratesPerMinute = [120, 180, 240, 210, 150, 60, 45, 170, 230, 200];
    for (let daysAgo = ratesPerMinute.length; daysAgo >= 1; daysAgo--)
      await simulateDay(today - daysAgo * 24 * HOUR_MS, ratesPerMinute[daysAgo - 1]!, 16, daysAgo);
    simulatedMs = null;
  }

  async function signedIn(role: 'supervisor' | 'operator' | 'agency', agencyId?: string) {
    const user = await createUser(komek.db, { role, agencyId: agencyId ?? null });
    const ctx = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Europe/London',
    });
    await ctx.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
    const res = await ctx.request.post(`${komek.url}/api/auth/login`, {
      data: { username: user.username, password: TEST_PASSWORD },
    });
    expect(res.status(), `login ${role}`).toBe(200);
    return ctx;
  }

  /** The figure in a column of a row of the report table. */
  const cell = (key: string, column: string) =>
    page.locator(`[data-testid="report-row"][data-key="${key}"] [data-column="${column}"]`).innerText();
  const totalCell = (column: string) =>
    page.locator(`[data-testid="report-total-row"] [data-column="${column}"]`).innerText();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase('pglite');
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SIMULATOR: 'off', LOG_LEVEL: 'silent' });
    const logger = createLogger('silent');
    // The past is written by an API-only server whose clock the suite moves; the built app is
    // loaded afterwards, by a second server on the same database, so the build it serves is the
    // one on disk when the browser starts (other work may rebuild it meanwhile).
    [komek, browser] = await Promise.all([
      startKomek(config, {
        logger,
        db: database.db,
        clock: () => new Date(simulatedMs ?? Date.now()),
        web: false,
      }),
      launchChromium(),
    ]);
    // Deadlines would fire as the clock jumps; reports read the log, not the timers.
    await komek.timers.stop();
    await simulatePast(config.cityTimeZone);

    // Today: three floods and a question answered on the call by phone, a dog by Telegram; the
    // water company resolves one flood.
    const operator = await signedIn('operator');
    const file = async (overrides: Parameters<typeof ticketFactory>[0]) => {
      const res = await operator.request.post(`${komek.url}/api/tickets`, { data: ticketFactory(overrides) });
      expect(res.status()).toBe(201);
      return (await res.json()) as Ticket;
    };
    const flood = await file({ categoryId: 'flooding' });
    await file({ categoryId: 'flooding' });
    await file({ categoryId: 'flooding' });
    await file({ categoryId: 'stray-dogs', channel: 'telegram' });
    await file({ categoryId: 'information-request', firstContactAnswer: 'The schedule is on astana.gov.kz' });
    const water = await signedIn('agency', 'astana-su-arnasy');
    for (const command of [
      { type: 'ticket.accept' },
      { type: 'ticket.start' },
      { type: 'ticket.resolve', resolution: 'Pumped out, drain cleared' },
    ]) {
      const res = await water.request.post(`${komek.url}/api/tickets/${flood.id}/events`, { data: command });
      expect(res.status(), command.type).toBe(200);
    }
    await Promise.all([operator.close(), water.close(), komek.close()]);

    komek = await startKomek(config, { logger, db: database.db });
    await komek.timers.stop();
    context = await signedIn('supervisor');
    page = await context.newPage();
    // Simulating a fortnight on a busy shared machine can take a few minutes.
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await komek?.close();
    await database?.close();
  });

  it('shows today by agency exactly, then by channel, with the charts and a CSV of the same report', async () => {
    await page.goto(`${komek.url}/reports?period=today`);
    await page.getByTestId('report-table').waitFor();
    expect(await cell('astana-su-arnasy', 'received')).toBe('3');
    expect(await cell('veterinary-service', 'received')).toBe('1');
    expect(await totalCell('received')).toBe('5');
    expect(await totalCell('processedRate')).toBe('20%');
    expect(await totalCell('firstContactRate')).toBe('20%');
    expect(await page.getByTestId('report-total-resolved').innerText()).toMatch(/\n2$/);
    for (const chart of ['chart-trend', 'chart-channels', 'chart-groups']) {
      const box = await page.getByTestId(chart).locator('canvas').boundingBox();
      expect(box?.width, chart).toBeGreaterThan(100);
    }
    await page.getByRole('img', { name: /^Line chart from .*: 5 received, 2 resolved\.$/ }).waitFor();
    await page.getByRole('img', { name: /^Bar chart, most appeals: Astana Su Arnasy.* — 3/ }).waitFor();

    await page.getByRole('group', { name: 'Group by' }).getByRole('radio', { name: 'Channel' }).check();
    await page.waitForURL(/groupBy=channel/);
    await page.locator('[data-testid="report-row"][data-key="phone"]').waitFor();
    expect(await cell('phone', 'received')).toBe('4');
    expect(await cell('telegram', 'received')).toBe('1');
    expect(await page.getByRole('columnheader', { name: /^Channel/ }).count()).toBe(1);
    // The charts were made afresh, not stacked: one canvas each.
    expect(await page.locator('canvas').count()).toBe(3);

    // Sorting is the URL's too; the smallest channel comes first.
    await page.getByRole('button', { name: /^Received/ }).click();
    await page.waitForURL(/sort=received&dir=asc/);
    expect(await page.getByTestId('report-row').first().getAttribute('data-key')).toBe('telegram');

    const csv = await page.getByTestId('report-csv').getAttribute('href');
    expect(csv).toMatch(/^\/api\/kpis\/report\.csv\?from=.*&groupBy=channel$/);
    const download = await context.request.get(`${komek.url}${csv}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toMatch(/,phone,4,/);

    // A reload (or a shared link) opens the same report.
    await page.reload();
    await page.locator('[data-testid="report-row"][data-key="phone"]').waitFor();
    expect(await page.getByRole('radio', { name: 'Channel' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Today' }).isChecked()).toBe(true);
  });

  it('takes a custom period, says when it is empty, and retries after a failure', async () => {
    await page.goto(`${komek.url}/reports`);
    await page.getByTestId('report-table').waitFor();
    await page.getByRole('radio', { name: 'Custom' }).check();
    const first = page.getByLabel('First day');
    await first.waitFor();
    expect(await first.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await first.fill('2020-01-01');
    await page.getByLabel('Last day').fill('2020-01-07');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/period=custom&from=2020-01-01&to=2020-01-07/);
    await page.getByTestId('report-empty').waitFor();
    expect(await page.getByTestId('report-period').innerText()).toBe('01/01/2020 – 07/01/2020');

    await page.getByLabel('Last day').fill('2019-12-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('The last day cannot be before the first.').waitFor();

    let failures = 0;
    await page.route('**/api/kpis/daily**', (route) =>
      failures++ === 0
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'unavailable', message: 'Database restarting' } }),
          })
        : route.continue(),
    );
    await page.getByRole('radio', { name: 'Last month' }).check();
    await page.getByTestId('report-error').waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('report-error').waitFor({ state: 'detached' });
    await page.getByTestId('report-total-received').waitFor();
    await page.unroute('**/api/kpis/daily**');
    expect(failures).toBe(2);
  });

  it('reads well at 1440×900: the last 7 days by agency', async () => {
    await page.goto(`${komek.url}/reports`);
    await page.getByTestId('report-table').waitFor();
    // The same period the page shows, as the CSV link names it, asked of the API directly.
    const shown = new URL((await page.getByTestId('report-csv').getAttribute('href'))!, komek.url)
      .searchParams;
    const query = new URLSearchParams({ from: shown.get('from')!, to: shown.get('to')!, groupBy: 'agency' });
    const res = await context.request.get(`${komek.url}/api/kpis/report?${query.toString()}`);
    const report = (await res.json()) as KpiReport;
    expect(report.total.received).toBeGreaterThan(100);
    expect(await totalCell('received')).toBe(en(report.total.received));
    await page.screenshot({ path: join(ARTIFACTS, 'reports.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'reports-full.png'), fullPage: true });

    // In Russian the same figures are written the Russian way, and the charts are drawn again.
    await page.getByRole('button', { name: /^RU/ }).click();
    await page.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    expect((await totalCell('received')).replace(/\s/g, ' ')).toBe(
      report.total.received.toLocaleString('ru-RU').replace(/\s/g, ' '),
    );
    expect(await page.locator('canvas').count()).toBe(3);
    await page.getByRole('img', { name: /^Линейный график/ }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'reports-ru.png'), fullPage: true });
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
  });

  it('opens the printable monthly summary, and prints it without the navigation', async () => {
    await page.goto(`${komek.url}/reports?period=today`);
    await page.getByTestId('report-monthly-link').click();
    await page.waitForURL(/\/reports\/monthly\/\d{4}-\d{2}$/);
    month = page.url().slice(-7);
    await page.getByTestId('monthly-received').waitFor();
    const summary = (await (
      await context.request.get(`${komek.url}/api/kpis/monthly?month=${month}`)
    ).json()) as MonthlySummary;
    expect(await page.getByTestId('monthly-received').innerText()).toContain(en(summary.received));
    // First contact is read against its target (85% unless configured), in words as well as colour.
    const firstContact = page.getByTestId('monthly-first-contact');
    const met = (summary.firstContactRate ?? 0) >= summary.targets.firstContact;
    expect(await firstContact.getAttribute('data-status')).toBe(met ? 'met' : 'below');
    expect(await firstContact.innerText()).toContain(met ? 'target 85% met' : 'below the 85% target');
    expect(await page.getByTestId('monthly-agencies').getByRole('row').count()).toBe(
      summary.byAgency.length + 1,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'reports-monthly.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'reports-monthly-full.png'), fullPage: true });

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByTestId('monthly-report').isVisible()).toBe(true);
    const sheets = page.locator('section.sheet');
    expect(await sheets.count()).toBe(3);
    expect(await sheets.first().evaluate((el) => getComputedStyle(el).breakAfter)).toBe('page');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'reports-monthly-print.png'), fullPage: true });
    await page.pdf({ path: join(ARTIFACTS, 'reports-monthly.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    expect(await nav.isVisible()).toBe(true);
  });

  it('is linked for supervisors and not offered to operators', async () => {
    await page.goto(`${komek.url}/tickets`);
    await page.getByTestId('nav-reports').waitFor();
    const operator = await signedIn('operator');
    const theirs = await operator.newPage();
    await theirs.goto(`${komek.url}/reports`);
    await theirs.getByTestId('reports-not-allowed').waitFor();
    expect(await theirs.getByTestId('nav-reports').count()).toBe(0);
    await operator.close();
  });
});
