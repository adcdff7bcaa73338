import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketPage } from '../../server/contracts/ticket.contract.ts';
import { launchChromium } from '../support/browser.ts';
import { signedInStaff } from '../support/browser-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
/** Where the duplicate already reported stands: a manhole by a school on Kenesary. */
const MANHOLE = { lat: 51.1605, lon: 71.4704 };

// The 109 operator console end to end: a real server on embedded PGlite, the built app and Chromium.
// The operator takes calls with the keyboard; the map is the one thing clicked.
describe('the operator console', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-operator-'));
  let server: ServerProcess;
  let browser: Browser;
  let operator: BrowserContext;
  let page: Page;

  const api = async <T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> => {
    const res =
      method === 'GET'
        ? await operator.request.get(`${server.url}${path}`)
        : await operator.request.post(`${server.url}${path}`, { data });
    expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
  const byNumber = async (number: string) =>
    (await api<TicketPage>('GET', `/api/tickets?q=${encodeURIComponent(number)}`)).items.find(
      (t) => t.registrationNumber === number,
    );
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' }),
      launchChromium(),
    ]);
    operator = await signedInStaff(browser, server.url, ADMIN_PASSWORD, {
      username: 'call-taker',
      displayName: 'Dana (109)',
      role: 'operator',
    });
    page = await operator.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a call from the keyboard: earlier appeals, category, point, duplicate, number read back, status enquiry', async () => {
    // The caller rang before about flooding; someone else already reported the open manhole.
    const earlier = await api<Ticket>('POST', '/api/tickets', {
      categoryId: 'flooding',
      description: 'Water in the underpass',
      address: 'Abay avenue 10',
      reporterPhone: '+7 701 555 12 34',
    });
    const incident = await api<Ticket>('POST', '/api/tickets', {
      categoryId: 'open-manhole',
      description: 'Open manhole by school 45',
      ...MANHOLE,
      reporterPhone: '+7 702 000 00 00',
    });

    await page.goto(`${server.url}/operator`);
    await page.getByTestId('shortcut-legend').waitFor();
    expect(await focusedId()).toBe('op-phone');

    // The number, written as the caller says it: their earlier appeal appears.
    await page.keyboard.type('8 (701) 555-12-34');
    const history = page.getByTestId('caller-history');
    await history
      .getByRole('button', { name: new RegExp(`Status of ${earlier.registrationNumber}`) })
      .waitFor();

    // Enter on the phone goes on to the category; "люк" finds the open manhole in any language.
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('op-category');
    await page.keyboard.type('люк');
    await page.getByRole('option', { name: /Open manhole/ }).waitFor();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('combobox', { name: 'Category' }).inputValue()).toBe('Open manhole');
    expect(await page.getByLabel('Priority').inputValue()).toBe('emergency');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('op-description');
    await page.keyboard.type('Manhole without a cover by the school gate');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kenesary 40');

    // A click on the map sets the point; the caller then names the spot more precisely (typed).
    const map = page.getByRole('region', { name: 'Map for picking the location' });
    await map.click({ position: { x: 200, y: 120 } });
    await expect.poll(() => page.getByLabel('Latitude').inputValue()).not.toBe('');
    await page.getByLabel('Latitude').fill(String(MANHOLE.lat + 0.0003));
    await page.getByLabel('Longitude').fill(String(MANHOLE.lon));

    // The manhole is already reported 33 m away: the call is linked to it instead of a second job.
    const nearby = page.getByTestId('nearby-duplicates');
    const link = nearby.getByRole('button', {
      name: `Register this call merged into ${incident.registrationNumber}`,
    });
    await link.waitFor({ timeout: 5000 });
    expect(await nearby.innerText()).toMatch(/3\d m/);
    await link.focus();
    await page.keyboard.press('Enter');
    expect(await link.getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'operator-filled.png') });

    await page.getByLabel('Description').focus();
    await page.keyboard.press('Enter');
    const readBack = page.getByTestId('read-back');
    await readBack.waitFor({ timeout: 5000 });
    const number = (await readBack.getAttribute('data-number')) ?? '';
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    const [year, serial] = number.split('-');
    expect(await readBack.innerText()).toContain(`${year} – ${serial!.slice(0, 3)} ${serial!.slice(3)}`);
    expect(await readBack.innerText()).toContain(`Registered and merged into ${incident.registrationNumber}`);
    await page.screenshot({ path: join(ARTIFACTS, 'operator-read-back.png') });

    const ticket = await byNumber(number);
    expect(ticket).toMatchObject({
      categoryId: 'open-manhole',
      state: 'merged',
      mergedIntoId: incident.id,
      reporterPhone: '8 (701) 555-12-34',
      description: 'Manhole without a cover by the school gate',
      address: 'Kenesary 40',
    });

    // The form is ready for the next call.
    expect(await focusedId()).toBe('op-phone');
    expect(await page.getByLabel("Caller's phone").inputValue()).toBe('');

    // "What happened to my appeal?": the number as dictated, answered and recorded.
    await page.keyboard.press('Alt+KeyS');
    expect(await focusedId()).toBe('op-enquiry-number');
    await page.keyboard.type(`${year} ${serial}`);
    await page.keyboard.press('Enter');
    const about = page.getByTestId('enquiry-about');
    await about.waitFor();
    expect(await about.locator('[data-number]').getAttribute('data-number')).toBe(number);
    await expect.poll(focusedId).toBe('');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Answer and record');
    await page.keyboard.press('Enter');
    const answer = page.getByTestId('enquiry-answer');
    await answer.waitFor({ timeout: 5000 });
    expect(await answer.innerText()).toContain(`${number}: Merged into an incident`);
    const recorded = /Recorded as (\d{4}-\d{6}), closed on first contact/.exec(await answer.innerText());
    expect(recorded).not.toBeNull();
    expect(await byNumber(recorded![1]!)).toMatchObject({
      categoryId: 'status-enquiry',
      state: 'closed_first_contact',
    });
  });

  it('clears with Escape and closes the next call on first contact with a standard answer', async () => {
    // Escape closes the status answer, then clears the form; the last number stays on screen.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('enquiry-about').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await focusedId()).toBe('op-phone');
    await page.getByTestId('read-back').waitFor();

    // The same caller rings again, about the heating this time.
    await page.keyboard.type('+7 701 555 12 34');
    await page.getByTestId('caller-history').getByText('Earlier appeals: 2').waitFor({ timeout: 5000 });
    await page.keyboard.press('Alt+KeyC');
    expect(await focusedId()).toBe('op-category');
    await page.keyboard.type('heating');
    await page.keyboard.press('Enter');
    await page.getByLabel('Address').fill('Mangilik El 20, apt 4');

    await page.keyboard.press('Alt+KeyK');
    expect(await focusedId()).toBe('op-knowledge-q');
    const knowledge = page.getByTestId('knowledge');
    const answer = knowledge.getByRole('button', { name: /^Answer and close: “.*”$/ }).first();
    await answer.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'operator-knowledge.png') });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    const readBack = page.getByTestId('read-back');
    await expect
      .poll(() => readBack.getAttribute('data-state'), { timeout: 5000 })
      .toBe('closed_first_contact');
    expect(await readBack.innerText()).toContain('Answered and closed on first contact');
    const ticket = await byNumber((await readBack.getAttribute('data-number')) ?? '');
    expect(ticket).toMatchObject({ categoryId: 'no-heating', state: 'closed_first_contact' });
  });
});
