import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { signDelivery } from '../../server/social/social-signature.ts';
import {
  axeFindings,
  describeFindings,
  focusedStop,
  markTabbable,
  pressTab,
  withoutKnown,
  type KnownViolation,
} from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const SOCIAL_SECRET = 'instagram-e2e-secret-0123456789';
/** WCAG 1.4.11: a focus ring needs 3:1 against what it is drawn on, and some thickness. */
const MIN_RING_CONTRAST = 3;
const MIN_RING_WIDTH_PX = 2;

/**
 * Violations found in code other people own, reported to them and skipped here until fixed (by rule
 * and element). Remove an entry once its fix lands: the test then checks that element again.
 */
const KNOWN_VIOLATIONS: Record<string, KnownViolation[]> = {};

/**
 * Keyboard checks skipped for the same reason, by page and check name. Each names the missing
 * behaviour and where it belongs.
 */
const KNOWN_KEYBOARD_GAPS: Record<string, { check: string; fix: string }[]> = {
  '/tickets/[id]': [
    {
      check: 'escape-closes-action-form',
      fix: 'web/src/lib/components/TicketActions.svelte: Escape in an open action form should close it and return the focus to its button',
    },
  ],
};

const keyboardGap = (page: string, check: string) =>
  (KNOWN_KEYBOARD_GAPS[page] ?? []).some((g) => g.check === check);

// Accessibility basics of every screen in real Chromium with axe-core (WCAG 2 A/AA): no serious or
// critical violation (contrast, labels, names), landmarks and duplicate ids, in the theme each
// screen uses; then the keyboard: the skip link, every control on the busiest consoles reached by
// Tab with a visible focus ring, and Escape closing what opens like a popup.
describe('accessibility', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-a11y-'));
  let server: ServerProcess;
  let browser: Browser;
  let staff: BrowserContext;
  let wall: BrowserContext;
  let visitor: BrowserContext;
  let flood: Ticket;

  async function deliverPost(): Promise<void> {
    const body = JSON.stringify({
      externalId: `ig-a11y-${Date.now()}`,
      kind: 'mention',
      author: { handle: '@aigerim', name: 'Aigerim B.' },
      text: '#astana109 Open manhole by school 45 on Kenesary',
      url: 'https://instagram.com/p/a11y',
      postedAt: new Date(Date.now() - 120_000).toISOString(),
      location: { lat: 51.1605, lon: 71.4704 },
    });
    const at = Math.floor(Date.now() / 1000);
    const res = await fetch(`${server.url}/webhooks/social/instagram`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-komek-signature': signDelivery(SOCIAL_SECRET, at, body),
        'x-komek-timestamp': String(at),
      },
      body,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  async function newContext(options: {
    colorScheme: 'light' | 'dark';
    viewport: { width: number; height: number };
    admin: boolean;
  }): Promise<BrowserContext> {
    const context = await browser.newContext({
      colorScheme: options.colorScheme,
      viewport: options.viewport,
    });
    await context.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
    if (options.admin) {
      const res = await context.request.post(`${server.url}/api/auth/login`, {
        data: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(res.status()).toBe(200);
    }
    return context;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServerProcess({
        DATA_DIR: dataDir,
        ADMIN_PASSWORD,
        SIMULATOR: 'off',
        SOCIAL_WEBHOOK_SECRETS: `instagram=${SOCIAL_SECRET}`,
      }),
      launchChromium(),
    ]);
    staff = await newContext({ colorScheme: 'light', viewport: { width: 1440, height: 900 }, admin: true });
    wall = await newContext({ colorScheme: 'dark', viewport: { width: 1920, height: 1080 }, admin: true });
    visitor = await newContext({ colorScheme: 'light', viewport: { width: 390, height: 844 }, admin: false });

    // Something on every screen: appeals, an escalation, a comment, a post waiting for triage.
    const post = async (path: string, data: unknown) => {
      const res = await staff.request.post(`${server.url}${path}`, { data });
      expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
      return (await res.json()) as Ticket;
    };
    flood = await post('/api/tickets', {
      categoryId: 'flooding',
      description: 'Water over the road by the school',
      address: 'Kenesary 40',
      reporterName: 'Aigerim Bekova',
      reporterPhone: '+7 701 123 45 67',
    });
    await post('/api/tickets', {
      categoryId: 'stray-dogs',
      description: 'Dogs by the bus stop',
      address: 'Abay 10',
    });
    await post(`/api/tickets/${flood.id}/events`, {
      type: 'ticket.escalate',
      reason: 'Resident called again',
    });
    await post(`/api/tickets/${flood.id}/events`, { type: 'ticket.comment', text: 'Crew left the depot' });
    await deliverPost();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens a screen and waits for what shows it is ready. */
  async function open(context: BrowserContext, path: string, ready: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 10_000 });
    return page;
  }

  /** Runs axe and fails on anything not on the page's known list. */
  async function expectNoViolations(page: Page, screen: string, state = ''): Promise<void> {
    const { failures, skipped } = withoutKnown(await axeFindings(page), KNOWN_VIOLATIONS[screen] ?? []);
    // Still there, still someone else's to fix: listed so the run shows what the skip list hides.
    if (skipped.length) console.info(`known, skipped on ${screen}:\n${describeFindings(skipped)}`);
    expect(failures, `${screen}${state && ` (${state})`}:\n${describeFindings(failures)}`).toEqual([]);
  }

  interface ScreenVisit {
    who: () => BrowserContext;
    path?: () => string;
    ready: () => string;
  }

  /**
   * Every screen checked: who opens it, where (the screen's own path unless given) and what shows
   * it is ready. Functions, because the appeal they name is filed in beforeAll.
   */
  const SCREENS = {
    '/login': { who: () => visitor, ready: () => 'form input[type="password"]' },
    '/operator': { who: () => staff, ready: () => '[data-testid="operator-console"]' },
    '/tickets': { who: () => staff, ready: () => `text=${flood.registrationNumber}` },
    '/tickets/[id]': { who: () => staff, path: () => `/tickets/${flood.id}`, ready: () => '#actions-title' },
    '/alerts': { who: () => staff, ready: () => `text=${flood.registrationNumber}` },
    '/triage': { who: () => staff, ready: () => '[data-testid="social-post"]' },
    '/wallboard': { who: () => wall, ready: () => '[data-testid="wallboard"][data-connection="online"]' },
    '/reports': { who: () => staff, ready: () => '[data-testid="reports-page"]' },
    '/reports/monthly/[month]': {
      who: () => staff,
      path: () => `/reports/monthly/${new Date().toISOString().slice(0, 7)}`,
      ready: () => '[data-testid="monthly-received"]',
    },
    '/report': { who: () => visitor, ready: () => 'main h1' },
    '/t/[number]': {
      who: () => visitor,
      path: () => `/t/${flood.registrationNumber}`,
      ready: () => 'main h1',
    },
  } satisfies Record<string, ScreenVisit>;
  type Screen = keyof typeof SCREENS;

  /** The busiest consoles, where the keyboard checks walk every control. */
  const KEYBOARD_SCREENS: readonly Screen[] = ['/tickets', '/operator'];

  /** Opens a screen of SCREENS as its user, once it is ready. */
  function openScreen(screen: Screen): Promise<Page> {
    const visit: ScreenVisit = SCREENS[screen];
    return open(visit.who(), visit.path?.() ?? screen, visit.ready());
  }

  it.each(Object.keys(SCREENS) as Screen[])('%s has no serious or critical axe violation', async (screen) => {
    const page = await openScreen(screen);
    await expectNoViolations(page, screen);
    await page.close();
  });

  it('the skip link is the first stop, shows when focused and jumps over the header', async () => {
    for (const path of KEYBOARD_SCREENS) {
      const page = await openScreen(path);
      const stops = await markTabbable(page);
      expect(stops[0], path).toMatch(/^a "Skip to content"/);
      // From wherever the page put the focus (the operator's phone field), back to the start.
      let stop = await focusedStop(page);
      for (let i = 0; i < stops.length + 2 && stop?.index !== 0; i++)
        stop = await pressTab(page, 'Shift+Tab');
      expect(stop?.index, `${path}: Shift+Tab reaches the skip link`).toBe(0);
      const skip = page.locator('a[href="#main"]');
      const box = await skip.boundingBox();
      expect(box && box.x >= 0 && box.y >= 0 && box.width > 0, `${path}: skip link visible`).toBe(true);
      expect(stop!.ring.widthPx).toBeGreaterThanOrEqual(MIN_RING_WIDTH_PX);
      await page.keyboard.press('Enter');
      await pressTab(page);
      expect(
        await page.evaluate(() => document.activeElement?.closest('main') !== null),
        `${path}: after the skip link, Tab continues inside <main>`,
      ).toBe(true);
      await page.close();
    }
  });

  it('reaches every control of /tickets and /operator with Tab, each with a visible focus ring', async () => {
    for (const path of KEYBOARD_SCREENS) {
      const page = await openScreen(path);
      const stops = await markTabbable(page);
      expect(stops.length, path).toBeGreaterThan(10);
      const reached = new Set<number>();
      const badRings: string[] = [];
      // Twice round at most: the focus may start mid-page and leaves the page once at the end.
      for (let i = 0; i < 2 * stops.length + 4 && reached.size < stops.length; i++) {
        const stop = await pressTab(page);
        if (!stop) continue;
        if (stop.index !== null) reached.add(stop.index);
        const { how, widthPx, contrast } = stop.ring;
        if (widthPx < MIN_RING_WIDTH_PX || contrast < MIN_RING_CONTRAST)
          badRings.push(`${stop.name}: ${how} ${widthPx}px, contrast ${contrast.toFixed(2)}`);
      }
      const missed = stops.filter((_, i) => !reached.has(i));
      expect(missed, `${path}: controls Tab never reached`).toEqual([]);
      expect([...new Set(badRings)], `${path}: focus rings not visible enough`).toEqual([]);
      await page.close();
    }
  });

  it('Escape closes the operator’s category list and status answer', async () => {
    const page = await openScreen('/operator');
    const category = page.locator('input[role="combobox"]').first();
    await category.fill('flo');
    await expect.poll(() => category.getAttribute('aria-expanded')).toBe('true');
    await expectNoViolations(page, '/operator', 'category list open');
    await page.keyboard.press('Escape');
    expect(await category.getAttribute('aria-expanded')).toBe('false');
    expect(await category.evaluate((el) => el === document.activeElement)).toBe(true);

    const number = page.locator('#op-enquiry-number');
    await number.fill(flood.registrationNumber!);
    await number.press('Enter');
    await page.getByTestId('enquiry-about').waitFor();
    await expectNoViolations(page, '/operator', 'status answer open');
    await page.keyboard.press('Escape');
    await page.getByTestId('enquiry-about').waitFor({ state: 'detached', timeout: 5000 });
    await page.close();
  });

  it('Escape closes a triage form and gives the focus back to its button', async () => {
    const page = await openScreen('/triage');
    const card = page.getByTestId('social-post').first();
    for (const nth of [0, 1]) {
      const opener = card.locator('button[aria-expanded]').nth(nth);
      await opener.click();
      await card.locator('form').waitFor();
      await expectNoViolations(page, '/triage', `form ${nth} open`);
      expect(await card.locator('form').evaluate((f) => f.contains(document.activeElement))).toBe(true);
      await page.keyboard.press('Escape');
      await card.locator('form').waitFor({ state: 'detached', timeout: 5000 });
      expect(await opener.getAttribute('aria-expanded')).toBe('false');
      expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    await page.close();
  });

  it('an open ticket action form passes axe and Escape closes it', async () => {
    const page = await openScreen('/tickets/[id]');
    const comment = page.getByRole('button', { name: 'Comment', exact: true });
    await comment.click();
    await page.getByTestId('action-form').waitFor();
    await expectNoViolations(page, '/tickets/[id]', 'comment form open');
    if (!keyboardGap('/tickets/[id]', 'escape-closes-action-form')) {
      await page.keyboard.press('Escape');
      await page.getByTestId('action-form').waitFor({ state: 'detached', timeout: 5000 });
      expect(await comment.getAttribute('aria-expanded')).toBe('false');
    }
    await page.close();
  });
});
