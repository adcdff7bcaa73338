import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { Ticket, TicketWithHistory } from '../../server/contracts/ticket.contract.ts';
import { createLogger } from '../../server/logger.ts';
import { startKomek, type RunningKomek } from '../../server/start.ts';
import { launchChromium } from '../support/browser.ts';
import { createUser, TEST_PASSWORD, ticketFactory, type TestUser } from '../support/factories.ts';
import { phoneJpeg } from '../support/image-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { VET_AGENCY, WATER_AGENCY } from '../support/test-server.ts';

const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
const HOUR_MS = 3_600_000;

// The supervisor and agency consoles end to end: the built app and Chromium on a Komek running in
// this process, so the server's clock can be moved forward (flooding is breached after 15 minutes
// unacknowledged); the browsers keep their own clocks and learn the server's from each page.
describe('the supervisor and agency consoles', () => {
  // Attachments (the photo of a resolved ticket) are kept on disk here.
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-console-'));
  let database: TestDatabase;
  let komek: RunningKomek;
  let browser: Browser;
  let aheadMs = 0;
  const users: Record<string, TestUser> = {};

  /** A context in English, logged in as `user`. */
  async function contextFor(user: TestUser): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await context.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
    const res = await context.request.post(`${komek.url}/api/auth/login`, {
      data: { username: user.username, password: TEST_PASSWORD },
    });
    expect(res.status(), `login ${user.username}`).toBe(200);
    return context;
  }

  async function createTicket(operator: BrowserContext, description: string): Promise<Ticket> {
    const res = await operator.request.post(`${komek.url}/api/tickets`, {
      data: ticketFactory({ description }),
    });
    expect(res.status()).toBe(201);
    return (await res.json()) as Ticket;
  }

  /** Opens the ticket list and waits until it is connected and loaded. */
  async function openList(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${komek.url}/tickets`);
    await page.getByRole('heading', { name: 'Appeals', level: 1 }).waitFor();
    return page;
  }

  const rowIds = (page: Page) =>
    page.getByTestId('ticket-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase('pglite');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SIMULATOR: 'off',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
    });
    [komek, browser] = await Promise.all([
      startKomek(config, {
        logger: createLogger('silent'),
        db: database.db,
        clock: () => new Date(Date.now() + aheadMs),
      }),
      launchChromium(),
    ]);
    // Deadlines are what is tested: no escalation timer fires while the clock jumps.
    await komek.timers.stop();
    const { db } = komek;
    users['lead'] = await createUser(db, { role: 'supervisor' });
    users['operator'] = await createUser(db, { role: 'operator' });
    users['vet'] = await createUser(db, { role: 'agency', agencyId: VET_AGENCY });
    users['crewA'] = await createUser(db, { role: 'agency', agencyId: WATER_AGENCY });
    users['crewB'] = await createUser(db, { role: 'agency', agencyId: WATER_AGENCY });
  });

  afterAll(async () => {
    await browser?.close();
    await komek?.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a supervisor bulk-assigns breached tickets; the agency sees them arrive in its deadline queue', async () => {
    const operator = await contextFor(users['operator']!);
    const flooded = [];
    for (const n of [1, 2, 3, 4]) flooded.push(await createTicket(operator, `Flooded yard ${n}`));
    // Five hours on: none of them was acknowledged within 15 minutes.
    aheadMs = 5 * HOUR_MS;
    const fresh = await createTicket(operator, 'Flooded yard, just reported');

    const vetPage = await openList(await contextFor(users['vet']!));
    await vetPage.getByTestId('tickets-empty').waitFor();
    expect(await vetPage.getByTestId('tickets-empty').innerText()).toBe('Nothing in your queue matches.');
    expect(await vetPage.getByLabel('Order', { exact: true }).inputValue()).toBe('deadline');

    const lead = await openList(await contextFor(users['lead']!));
    await lead.getByLabel('Deadline', { exact: true }).selectOption('breached');
    const rows = lead.getByTestId('ticket-row');
    await expect.poll(() => rowIds(lead)).toEqual(flooded.map((t) => t.id).reverse());
    expect(await rowIds(lead)).not.toContain(fresh.id);
    expect(await rows.first().getAttribute('data-sla')).toBe('breached');
    expect(await rows.first().getByTestId('time-left').innerText()).toMatch(/^overdue by 4 h 4\d min$/);
    // The filter is in the URL: a reload (or the link sent to a colleague) shows the same list.
    await expect.poll(() => new URL(lead.url()).searchParams.get('slaState')).toBe('breached');
    await lead.reload();
    await expect.poll(() => rowIds(lead)).toEqual(flooded.map((t) => t.id).reverse());
    expect(await lead.getByLabel('Deadline', { exact: true }).inputValue()).toBe('breached');

    // Three rows: one click, a shift-click for the range, and Space on a focused row to undo a fourth.
    const [t4, t3, t2, t1] = flooded.slice().reverse();
    await lead.getByRole('checkbox', { name: `Select ${t4!.registrationNumber}` }).click();
    await lead
      .getByRole('checkbox', { name: `Select ${t2!.registrationNumber}` })
      .click({ modifiers: ['Shift'] });
    await lead.locator(`tr[data-id="${t1!.id}"]`).focus();
    await lead.keyboard.press('Space');
    const bar = lead.getByTestId('bulk-bar');
    await bar.getByText('4 selected', { exact: true }).waitFor();
    await lead.keyboard.press('Space');
    await bar.getByText('3 selected', { exact: true }).waitFor();
    // Each box shows the selection, the clicked ones too.
    const checked = (t: Ticket) =>
      lead.getByRole('checkbox', { name: `Select ${t.registrationNumber}` }).isChecked();
    expect([await checked(t4!), await checked(t3!), await checked(t2!), await checked(t1!)]).toEqual([
      true,
      true,
      true,
      false,
    ]);

    await bar.getByLabel('Action', { exact: true }).selectOption('ticket.assign');
    await bar.getByLabel('Agency', { exact: true }).selectOption(VET_AGENCY);
    await bar.getByRole('button', { name: 'Apply to 3 selected' }).click();
    await lead.getByTestId('bulk-summary').getByText('3 assigned').waitFor();
    await lead.screenshot({ path: join(ARTIFACTS, 'console-bulk-supervisor.png') });

    // The agency's queue fills without a reload, nearest deadline first (the oldest resolution deadline).
    await expect.poll(() => rowIds(vetPage), { timeout: 3000 }).toEqual([t2!.id, t3!.id, t4!.id]);
    await vetPage.screenshot({ path: join(ARTIFACTS, 'console-bulk-agency-queue.png') });

    // At risk: only the ticket reported just now is about to breach (its 15 minutes run); the
    // agency's are breached already, so it has nothing at risk.
    await lead.getByRole('button', { name: 'At risk' }).click();
    await expect.poll(() => rowIds(lead)).toEqual([fresh.id]);
    expect(await rows.first().getByTestId('time-left').innerText()).toMatch(/^1[45] min left$/);
    await lead.screenshot({ path: join(ARTIFACTS, 'console-at-risk.png') });
    await vetPage.getByRole('button', { name: 'At risk' }).click();
    await vetPage.getByText('No tickets at risk.').waitFor();
    await operator.close();
  });

  it('two crews act on one ticket: the one who loses sees who changed it, and keeps what they typed', async () => {
    const operator = await contextFor(users['operator']!);
    const ticket = await createTicket(operator, 'Water from a hydrant');
    const crewB = await openList(await contextFor(users['crewB']!));
    await crewB.getByRole('button', { name: `Actions for ${ticket.registrationNumber}` }).click();
    const panel = crewB.getByTestId('row-actions');
    await panel.getByRole('button', { name: 'Reject (not ours)' }).click();
    await panel.getByLabel('Reason').fill('The hydrant belongs to the fire service');

    // Meanwhile the other crew accepts it.
    const crewA = await openList(await contextFor(users['crewA']!));
    await crewA.getByRole('button', { name: `Actions for ${ticket.registrationNumber}` }).click();
    await crewA.getByTestId('row-actions').getByRole('button', { name: 'Accept' }).click();
    await crewA
      .getByTestId('row-actions')
      .getByRole('button', { name: 'Accept' })
      .waitFor({ state: 'detached' });

    await panel.getByRole('button', { name: 'Reject (not ours)' }).last().click();
    const notice = panel.getByTestId('action-conflict');
    await notice.waitFor({ timeout: 3000 });
    expect(await notice.innerText()).toMatch(/^Changed by Test agency \(astana-su-arnasy\) .*now “Accepted”/);
    expect(await panel.getByLabel('Reason').inputValue()).toBe('The hydrant belongs to the fire service');
    await crewB.screenshot({ path: join(ARTIFACTS, 'console-conflict.png') });

    // Crew B resolves it instead, with a photo of the result, from the same row.
    // Escape closes the form as it would a popup.
    await panel.getByLabel('Reason').press('Escape');
    await panel.getByTestId('action-form').waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Mark resolved' }).click();
    await panel.getByLabel('Resolution').fill('Hydrant closed, water gone');
    await panel.getByLabel('Photo of the result (optional)').setInputFiles({
      name: 'hydrant.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(phoneJpeg()),
    });
    await panel.getByRole('button', { name: 'Mark resolved' }).last().click();
    const history = async () => {
      const res = await operator.request.get(`${komek.url}/api/tickets/${ticket.id}`);
      return ((await res.json()) as TicketWithHistory).events.map((e) => e.type);
    };
    await expect
      .poll(history, { timeout: 3000 })
      .toEqual(expect.arrayContaining(['ticket.resolve', 'ticket.attach']));
    expect((await history()).slice(-2)).toEqual(['ticket.resolve', 'ticket.attach']);
    await operator.close();
  });
});
