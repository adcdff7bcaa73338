import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/contracts/auth.contract.ts';
import { IssuedDisplayToken } from '../../server/contracts/display.contract.ts';
import type { Ticket, TicketPage } from '../../server/contracts/ticket.contract.ts';
import { launchChromium } from '../support/browser.ts';
import { englishContext, logInThroughForm, navPaths } from '../support/browser-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { VET_AGENCY, WATER_AGENCY } from '../support/test-server.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
/** A live change must reach every other screen within this long. */
const LIVE_MS = 3000;
const FORBIDDEN = 'Your role may not do this.';
const STAFF_NAV = ['/operator', '/tickets', '/alerts', '/triage', '/reports', '/wallboard'];

/** Who logs in, where the app takes them, which links they get, and what they are refused. */
interface Person {
  key: string;
  role: Role;
  agencyId?: string;
  home: string;
  /** A page to check the header on when home is the wall (a display has no header: the wall is all it has). */
  navOn?: string;
  nav: string[];
  /** Pages the role may not use, and how the refusal reads there. */
  refused: { path: string; says: (page: Page) => Promise<void> }[];
  /** Pages that take the role back to the wall, its only screen. */
  sentToWall?: string[];
}

const forbiddenAlert = async (page: Page) => {
  await page.getByRole('alert').filter({ hasText: FORBIDDEN }).waitFor();
};

const PEOPLE: Person[] = [
  { key: 'admin', role: 'admin', home: '/tickets', nav: STAFF_NAV, refused: [] },
  { key: 'lead', role: 'supervisor', home: '/wallboard', navOn: '/tickets', nav: STAFF_NAV, refused: [] },
  {
    key: 'operator',
    role: 'operator',
    home: '/operator',
    nav: ['/operator', '/tickets', '/alerts', '/triage', '/wallboard'],
    refused: [{ path: '/reports', says: (page) => page.getByTestId('reports-not-allowed').waitFor() }],
  },
  ...[WATER_AGENCY, VET_AGENCY].map((agencyId) => ({
    key: agencyId,
    role: 'agency' as const,
    agencyId,
    home: '/tickets',
    nav: ['/tickets', '/alerts', '/wallboard'],
    refused: [
      { path: '/operator', says: forbiddenAlert },
      { path: '/triage', says: forbiddenAlert },
    ],
  })),
  {
    key: 'screen',
    role: 'display',
    home: '/wallboard',
    nav: ['/wallboard'],
    refused: [],
    sentToWall: ['/tickets', '/alerts', '/operator', '/triage', '/reports'],
  },
];

// Every role on one real server (embedded PGlite, the built app, Chromium), each in its own browser:
// who lands where and sees what, then one appeal taken at the operator console travelling live to
// the supervisor, the wall, a wall screen and the agency it was routed to — and not to another agency.
describe('every role end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-roles-'));
  let server: ServerProcess;
  let browser: Browser;
  /** Each person's first page, left open on their home page. */
  const home: Record<string, Page> = {};
  const contexts: Record<string, BrowserContext> = {};
  /** The supervisor's ticket list, opened beside their wall. */
  const lists: Record<string, Page> = {};

  const password = (key: string) => (key === 'admin' ? ADMIN_PASSWORD : `${key}-password-1`);

  /** A new page at `path` in `key`'s browser. */
  async function open(key: string, path: string): Promise<Page> {
    const page = await contexts[key]!.newPage();
    await page.goto(`${server.url}${path}`);
    return page;
  }
  const wallOnline = (page: Page) =>
    page.locator('[data-testid="wallboard"][data-connection="online"]').waitFor({ timeout: 10_000 });
  const listLoaded = (page: Page) => page.getByRole('heading', { name: 'Appeals', level: 1 }).waitFor();
  const row = (page: Page, ticket: Ticket) =>
    page.locator(`[data-testid="ticket-row"][data-id="${ticket.id}"]`);
  const feedItem = (page: Page, ticket: Ticket) =>
    page.getByTestId('feed-item').filter({ hasText: ticket.registrationNumber! }).first();
  const stateOf = (item: Locator) =>
    item.locator('[data-state]').first().getAttribute('data-state', { timeout: LIVE_MS });
  const tile = (page: Page, name: string) => page.getByTestId(`kpi-${name}`).locator('.value').textContent();
  /** Marks the page, so a later check can tell it was never reloaded. */
  const mark = (page: Page) => page.evaluate(() => Object.assign(window, { e2eKept: true }));
  const kept = (page: Page) => page.evaluate(() => 'e2eKept' in window);
  /** Notes the id of every ticket row the page draws from now on. */
  const watchRows = (page: Page) =>
    page.evaluate(() => {
      const seen = new Set<string>();
      Object.assign(window, { e2eRowsSeen: seen });
      new MutationObserver(() => {
        for (const tr of document.querySelectorAll('[data-testid="ticket-row"]'))
          seen.add(tr.getAttribute('data-id') ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    });
  const rowsSeen = (page: Page) =>
    page.evaluate(() => [...(window as unknown as { e2eRowsSeen: Set<string> }).e2eRowsSeen]);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' }),
      launchChromium(),
    ]);
    // The administrator signs in through the form too, then opens every other account.
    contexts['admin'] = await englishContext(browser);
    home['admin'] = await contexts['admin'].newPage();
    expect(await logInThroughForm(home['admin'], server.url, 'admin', ADMIN_PASSWORD)).toBe('/tickets');
    const admin = home['admin'];
    await Promise.all(
      PEOPLE.filter((p) => p.key !== 'admin').map(async (person) => {
        const res = await admin.request.post(`${server.url}/api/users`, {
          data: {
            username: person.key,
            displayName: `E2E ${person.role} ${person.key}`,
            password: password(person.key),
            role: person.role,
            ...(person.agencyId && { agencyId: person.agencyId }),
          },
        });
        expect(res.status(), `create ${person.key}: ${await res.text()}`).toBe(201);
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('each role signs in with the keyboard, lands on its home page, gets its links and is refused elsewhere', async () => {
    for (const person of PEOPLE) {
      contexts[person.key] ??= await englishContext(browser);
      const page = (home[person.key] ??= await contexts[person.key]!.newPage());
      if (person.key !== 'admin')
        expect(await logInThroughForm(page, server.url, person.key, password(person.key))).toBe(person.home);
      if (person.home === '/wallboard') await wallOnline(page);
      else if (person.home === '/operator') await page.getByTestId('operator-console').waitFor();
      else await listLoaded(page);

      // The header is checked on the home page; the wall has none, and a display never leaves the wall.
      const withHeader = person.navOn ? await open(person.key, person.navOn) : page;
      if (person.navOn) lists[person.key] = withHeader;
      if (person.home !== '/wallboard' || person.navOn) {
        await withHeader.getByRole('navigation', { name: 'Main navigation' }).waitFor();
        expect(await navPaths(withHeader), `${person.key}'s links`).toEqual(person.nav);
      }
      for (const path of person.sentToWall ?? []) {
        const other = await contexts[person.key]!.newPage();
        await other.goto(`${server.url}${path}`);
        await other.waitForURL(`${server.url}/wallboard`);
        await wallOnline(other);
        await other.close();
      }
      if (person.refused.length === 0) continue;
      const other = await contexts[person.key]!.newPage();
      for (const refusal of person.refused) {
        await other.goto(`${server.url}${refusal.path}`);
        await refusal.says(other);
        // Refused inside the app: the header, its links and the way home are still there.
        expect(await navPaths(other), `${person.key} on ${refusal.path}`).toEqual(person.nav);
      }
      await other.close();
    }
  }, 120_000); // six people, each signing in and opening several pages: ~35 s on a quiet 2-core machine

  it('an appeal taken at the operator console appears live for the supervisor, the wall and its agency only; the agency accepts it and everyone sees that', async () => {
    // The supervisor watches the wall (their home page) and the list; a wall screen runs by URL.
    const supervisorWall = home['lead']!;
    const supervisorList = lists['lead']!;
    const issued = await home['admin']!.request.post(`${server.url}/api/display-tokens`, {
      data: { label: 'Hall screen' },
    });
    expect(issued.status()).toBe(201);
    contexts['hall'] = await englishContext(browser);
    const hallScreen = await contexts['hall'].newPage();
    await hallScreen.goto(IssuedDisplayToken.parse(await issued.json()).url);
    await wallOnline(hallScreen);

    const water = home[WATER_AGENCY]!;
    const vet = home[VET_AGENCY]!;
    await vet.getByTestId('tickets-empty').waitFor();
    // Every row either queue ever draws is noted, so "never shown" covers the whole test.
    for (const queue of [water, vet]) await watchRows(queue);
    const walls = [supervisorWall, hallScreen];
    for (const wall of walls) await expect.poll(() => tile(wall, 'open')).toBe('0');
    const watching = [supervisorWall, supervisorList, hallScreen, water, vet];
    for (const page of watching) await mark(page);

    // The call, from the keyboard: phone, Enter, category, description, address picked from the list.
    const operator = home['operator']!;
    await expect.poll(() => operator.evaluate(() => document.activeElement?.id)).toBe('op-phone');
    await operator.keyboard.type('+7 701 222 33 44');
    await operator.keyboard.press('Enter');
    await operator.keyboard.type('flooded');
    await operator.getByRole('option', { name: /Flooded street/ }).waitFor();
    await operator.keyboard.press('Enter');
    await operator.keyboard.press('Tab');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('Water up to the kerb at the crossing');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('Кабанбай батыра 53');
    await operator.getByRole('option', { name: /^Kabanbay Batyr Avenue, 53/ }).waitFor();
    await operator.keyboard.press('ArrowDown');
    await operator.keyboard.press('Enter');
    await expect.poll(() => operator.getByLabel('Latitude').inputValue()).not.toBe('');
    await operator.keyboard.press('Shift+Tab');
    await operator.keyboard.press('Enter');
    const readBack = operator.getByTestId('read-back');
    await readBack.waitFor({ timeout: 5000 });
    const number = (await readBack.getAttribute('data-number')) ?? '';
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    const found = await home['lead']!.request.get(`${server.url}/api/tickets?q=${number}`);
    const ticket = ((await found.json()) as TicketPage).items.find((t) => t.registrationNumber === number)!;
    expect(ticket).toMatchObject({
      categoryId: 'flooding',
      agencyId: WATER_AGENCY,
      address: 'Kabanbay Batyr Avenue, 53',
      description: 'Water up to the kerb at the crossing',
    });

    // Everyone watching sees it arrive, without a reload.
    await row(supervisorList, ticket).waitFor({ timeout: LIVE_MS });
    await row(water, ticket).waitFor({ timeout: LIVE_MS });
    for (const wall of walls) {
      expect(await stateOf(feedItem(wall, ticket))).toBe(ticket.state);
      await expect.poll(() => tile(wall, 'open'), { timeout: LIVE_MS }).toBe('1');
      await expect.poll(() => tile(wall, 'received-today'), { timeout: LIVE_MS }).toBe('1');
    }
    expect(await stateOf(row(supervisorList, ticket))).toBe(ticket.state);

    // The water utility accepts it from the row's actions.
    await water.getByRole('button', { name: `Actions for ${number}` }).click();
    const actions = water.getByTestId('row-actions');
    await actions.getByRole('button', { name: 'Accept' }).click();
    await actions.getByRole('button', { name: 'Accept' }).waitFor({ state: 'detached', timeout: LIVE_MS });
    await expect.poll(() => stateOf(row(water, ticket)), { timeout: LIVE_MS }).toBe('accepted');
    await expect.poll(() => stateOf(row(supervisorList, ticket)), { timeout: LIVE_MS }).toBe('accepted');
    for (const wall of walls)
      await expect.poll(() => stateOf(feedItem(wall, ticket)), { timeout: LIVE_MS }).toBe('accepted');
    await hallScreen.screenshot({ path: join(ARTIFACTS, 'roles-hall-screen.png') });
    await supervisorList.screenshot({ path: join(ARTIFACTS, 'roles-supervisor-list.png') });

    // The veterinary service never had it on screen; nobody's page was reloaded to get here.
    await vet.getByTestId('tickets-empty').waitFor();
    expect(await rowsSeen(water)).toContain(String(ticket.id));
    expect(await rowsSeen(vet)).not.toContain(String(ticket.id));
    for (const page of watching) expect(await kept(page)).toBe(true);
  });
});
