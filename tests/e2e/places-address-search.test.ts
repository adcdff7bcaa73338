import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketPage } from '../../server/contracts/ticket.contract.ts';
import { launchChromium } from '../support/browser.ts';
import { signedInStaff } from '../support/browser-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
/** Kabanbay Batyr Avenue in the gazetteer (db/migrations/20261126_0017_places.sql). */
const KABANBAY = { lat: 51.118, lon: 71.411 };
/** The fill of the picked point on the map (TicketMap.svelte). */
const PIN = 'path[fill="#d9480f"]';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type Axe = { run(context: string): Promise<{ violations: { id: string; help: string }[] }> };
/** axe-core's violations within `selector` of the page as it is now. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(
    async (context) =>
      (await (window as unknown as { axe: Axe }).axe.run(context)).violations.map(
        (v) => `${v.id}: ${v.help}`,
      ),
    selector,
  );
}

// Location by address search end to end: the real server on embedded PGlite, the built app and
// Chromium. The operator types an address and picks the place with the keyboard.
describe('the address search', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-places-'));
  let server: ServerProcess;
  let browser: Browser;
  let operator: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' }),
      launchChromium(),
    ]);
    operator = await signedInStaff(
      browser,
      server.url,
      ADMIN_PASSWORD,
      { username: 'address-taker', displayName: 'Aliya (109)', role: 'operator' },
      { width: 1600, height: 1000 },
    );
    page = await operator.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets the pin and the address of a new appeal from a typed address: arrow down, Enter, registered at that point', async () => {
    await page.goto(`${server.url}/tickets`);
    await page.getByRole('button', { name: 'New appeal' }).click();
    const newAppeal = page.getByRole('form', { name: 'Register an appeal' });
    const address = newAppeal.getByRole('combobox', { name: 'Address' });
    const list = newAppeal.getByRole('listbox', { name: 'Places found' });

    // Nothing known by that name: the list says so, and Escape closes it.
    await address.click();
    await page.keyboard.type('zzqx');
    await list.getByRole('option', { name: 'No place found — pin it on the map' }).waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    expect(await address.getAttribute('aria-expanded')).toBe('false');

    // Russian, as the caller says it, with the house number.
    await address.fill('');
    await page.keyboard.type('Кабанбай батыра 53');
    const option = list.getByRole('option', { name: /^Kabanbay Batyr Avenue, 53/ });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await address.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await page.screenshot({ path: join(ARTIFACTS, 'places-address-list.png') });
    expect(await axeViolations(page, '.address-search')).toEqual([]);
    await page.keyboard.press('Enter');

    await list.waitFor({ state: 'hidden' });
    expect(await address.inputValue()).toBe('Kabanbay Batyr Avenue, 53');
    expect(Number(await newAppeal.getByLabel('Latitude').inputValue())).toBe(KABANBAY.lat);
    expect(Number(await newAppeal.getByLabel('Longitude').inputValue())).toBe(KABANBAY.lon);
    await newAppeal.locator(PIN).waitFor();
    expect(await newAppeal.locator(PIN).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'places-address-picked.png') });

    // Enter picked the place and did not send the form: the appeal is registered now.
    expect(await newAppeal.getByRole('status').filter({ hasText: 'Appeal registered' }).count()).toBe(0);
    await newAppeal.getByLabel('Category').selectOption('flooding');
    await newAppeal.getByLabel('Description').fill('Water over the road by the bus stop');
    await newAppeal.getByRole('button', { name: 'Register' }).click();
    const created = newAppeal.getByRole('status').filter({ hasText: 'Appeal registered' });
    await created.waitFor();
    const number = /Appeal registered: (\S+)/.exec(await created.innerText())?.[1] ?? '';
    expect(number).toMatch(/^\d{4}-\d{6}$/);

    const res = await operator.request.get(`${server.url}/api/tickets?q=${encodeURIComponent(number)}`);
    const ticket = ((await res.json()) as TicketPage).items.find((t) => t.registrationNumber === number);
    expect(ticket).toMatchObject({
      ...KABANBAY,
      address: 'Kabanbay Batyr Avenue, 53',
      districtId: 'nura',
      categoryId: 'flooding',
    });
  });

  it('marks the place on the residents’ form from a landmark typed in Latin letters', async () => {
    const resident = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await resident.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
    const form = await resident.newPage();
    try {
      await form.goto(`${server.url}/report`);
      const address = form.getByRole('combobox', { name: 'Address or landmark' });
      await address.click();
      await form.keyboard.type('khan shatyr');
      await form.getByRole('option', { name: /^Khan Shatyr Entertainment Center/ }).waitFor();
      await form.keyboard.press('ArrowDown');
      await form.screenshot({ path: join(ARTIFACTS, 'places-report-list.png') });
      await form.keyboard.press('Enter');
      expect(await address.inputValue()).toBe('Khan Shatyr Entertainment Center');
      await expect
        .poll(() => form.getByTestId('report-point').innerText())
        .toBe('Place marked: 51.13260, 71.40360');
    } finally {
      await resident.close();
    }
  });
});
