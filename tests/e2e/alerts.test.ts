import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { launchChromium } from '../support/browser.ts';
import { signedInStaff, type StaffMember, type Viewport } from '../support/browser-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;

// Escalation alerts end to end: a real server on embedded PGlite, the built app and Chromium. The
// wall is one browser context; an operator (API) and an agency user (a second context) act on it.
describe('escalation alerts end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-alerts-'));
  let server: ServerProcess;
  let browser: Browser;
  let operator: BrowserContext;

  /** An English browser context signed in as a new account, at a console's size unless told. */
  const signedIn = (member: StaffMember, viewport: Viewport = { width: 1440, height: 900 }) =>
    signedInStaff(browser, server.url, ADMIN_PASSWORD, member, viewport);

  async function command(ticket: Ticket, body: Record<string, unknown>): Promise<void> {
    const res = await operator.request.post(`${server.url}/api/tickets/${ticket.id}/events`, { data: body });
    expect(res.status(), String(body['type'])).toBe(200);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' }),
      launchChromium(),
    ]);
    operator = await signedIn({ username: 'call-taker', role: 'operator' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('raises a manual escalation on the wall, acknowledges it from /alerts and drops it when the ticket is cancelled', async () => {
    const wallContext = await signedIn(
      { username: 'shift-lead', role: 'supervisor' },
      { width: 1920, height: 1080 },
    );
    const wall: Page = await wallContext.newPage();
    await wall.goto(`${server.url}/wallboard`);
    await wall.locator('[data-testid="wallboard"][data-connection="online"]').waitFor({ timeout: 10_000 });
    await wall.getByTestId('wall-alerts-empty').waitFor();
    expect(await wall.getByTestId('wall-alerts-empty').innerText()).toMatch(/No escalations/);

    const created = await operator.request.post(`${server.url}/api/tickets`, {
      data: { categoryId: 'flooding', description: 'Water up to the car doors', lat: 51.13, lon: 71.44 },
    });
    expect(created.status()).toBe(201);
    const ticket = (await created.json()) as Ticket;
    expect(ticket.agencyId).toBe('astana-su-arnasy');
    const number = ticket.registrationNumber!;

    // An operator escalates by hand: the city's supervisors see it on the wall within a second, pulsing.
    await command(ticket, { type: 'ticket.escalate', reason: 'Flooding is spreading to the school' });
    const onWall = wall.getByTestId('wall-alert').filter({ hasText: number });
    await onWall.waitFor({ state: 'visible', timeout: 1000 });
    expect(await onWall.getAttribute('data-highlighted')).toBe('true');
    expect(await onWall.getAttribute('data-status')).toBe('open');
    const text = await onWall.innerText();
    expect(text).toMatch(/City supervisors/);
    expect(text).toMatch(/By hand: Flooding is spreading to the school/);
    expect(text).toMatch(/< 1 min/);
    await wall.screenshot({ path: join(ARTIFACTS, 'alerts-wall-raised.png') });

    // The agency's staff acknowledge it from their console, with the keyboard.
    const agencyContext = await signedIn({
      username: 'water-crew',
      role: 'agency',
      agencyId: 'astana-su-arnasy',
    });
    const agencyPage = await agencyContext.newPage();
    await agencyPage.goto(`${server.url}/alerts`);
    // The header's badge counts what waits for acknowledgement, in the link's accessible name too.
    const nav = agencyPage.getByRole('navigation', { name: 'Main navigation' });
    await nav
      .getByRole('link', { name: 'Escalations (1 awaiting acknowledgement)' })
      .waitFor({ timeout: 5000 });
    const acknowledge = agencyPage.getByRole('button', { name: `Acknowledge escalation ${number}` });
    await acknowledge.focus();
    await agencyPage.keyboard.press('Enter');
    const row = agencyPage.getByTestId('alert-row').filter({ hasText: number });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 5000 }).toBe('acknowledged');
    expect(await row.innerText()).toMatch(/Acknowledged \d\d:\d\d · by you/);
    await nav.getByRole('link', { name: 'Escalations', exact: true }).waitFor({ timeout: 2000 });

    // The wall shows it acknowledged without a reload.
    await expect.poll(() => onWall.getAttribute('data-status'), { timeout: 2000 }).toBe('acknowledged');
    expect(await onWall.innerText()).toMatch(/Acknowledged \d\d:\d\d/);

    // Cancelling the ticket settles the alert: it leaves both screens.
    await command(ticket, { type: 'ticket.cancel', reason: 'Duplicate of a call already handled' });
    await onWall.waitFor({ state: 'detached', timeout: 2000 });
    await wall.getByTestId('wall-alerts-empty').waitFor({ timeout: 2000 });
    await row.waitFor({ state: 'detached', timeout: 2000 });
    await agencyPage.getByTestId('alerts-empty').waitFor({ timeout: 2000 });

    await agencyContext.close();
    await wallContext.close();
  });

  it('merges an appeal into an incident named by its registration number, and links the two', async () => {
    const create = async (description: string) => {
      const res = await operator.request.post(`${server.url}/api/tickets`, {
        data: { categoryId: 'flooding', description, lat: 51.14, lon: 71.45 },
      });
      expect(res.status()).toBe(201);
      return (await res.json()) as Ticket;
    };
    const incident = await create('Main flooded at the crossing');
    const appeal = await create('Water in the street by the crossing');

    const page = await operator.newPage();
    await page.goto(`${server.url}/tickets/${appeal.id}`);
    await page.getByRole('button', { name: 'Merge into incident' }).click();
    const number = page.getByLabel('Registration number of the incident');
    expect(await number.getAttribute('placeholder')).toBe('registration number, e.g. 2026-000123');
    await number.fill('2026-999999');
    await number.press('Enter');
    await page.getByText('No appeal has this registration number').waitFor({ timeout: 5000 });

    await number.fill(incident.registrationNumber!);
    await number.press('Enter');
    const mergedInto = page.getByTestId('merged-into');
    await mergedInto.waitFor({ timeout: 5000 });
    await expect
      .poll(() => mergedInto.innerText(), { timeout: 2000 })
      .toContain(`Merged into: ${incident.registrationNumber}`);
    expect(await page.getByTestId('deadline-resolve').getAttribute('data-status')).toBe('paused');

    await mergedInto.getByRole('link', { name: incident.registrationNumber! }).click();
    await page.waitForURL(`${server.url}/tickets/${incident.id}`);
    const merged = page.getByTestId('merged-appeals');
    await merged.getByRole('link', { name: appeal.registrationNumber! }).waitFor({ timeout: 5000 });
    await page.close();
  });
});
