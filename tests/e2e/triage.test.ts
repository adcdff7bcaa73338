import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocialPost } from '../../server/contracts/social.contract.ts';
import type { TicketWithHistory } from '../../server/contracts/ticket.contract.ts';
import { signDelivery } from '../../server/social/social-signature.ts';
import { launchChromium } from '../support/browser.ts';
import { signedInStaff } from '../support/browser-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';
const SECRET = 'instagram-connector-secret-e2e';
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;

// The social triage queue end to end: a connector delivers signed posts to a real server (embedded
// PGlite); the operator's page shows them live and turns one into an appeal; a colleague's
// dismissal takes another off the page without a reload.
describe('the social triage queue', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-triage-'));
  let server: ServerProcess;
  let browser: Browser;
  let operator: BrowserContext;
  let colleague: BrowserContext;
  let page: Page;
  let counter = 0;

  /** Delivers a post as the Instagram connector does: signed with the source's secret, now. */
  async function deliver(overrides: Record<string, unknown> = {}): Promise<number> {
    const body = JSON.stringify({
      externalId: `ig-e2e-${++counter}`,
      kind: 'mention',
      author: { handle: '@aigerim', name: 'Aigerim B.' },
      text: '#astana109 Открытый люк у школы №45 на Кенесары, дети ходят рядом',
      url: 'https://instagram.com/p/abc',
      postedAt: new Date(Date.now() - 120_000).toISOString(),
      location: { lat: 51.1605, lon: 71.4704 },
      ...overrides,
    });
    const at = Math.floor(Date.now() / 1000);
    const res = await fetch(`${server.url}/webhooks/social/instagram`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-komek-signature': signDelivery(SECRET, at, body),
        'x-komek-timestamp': String(at),
      },
      body,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: number }).id;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({
        DATA_DIR: dataDir,
        ADMIN_PASSWORD,
        SIMULATOR: 'off',
        SOCIAL_WEBHOOK_SECRETS: `instagram=${SECRET}`,
      }),
      launchChromium(),
    ]);
    operator = await signedInStaff(browser, server.url, ADMIN_PASSWORD, {
      username: 'call-taker',
      role: 'operator',
    });
    colleague = await signedInStaff(browser, server.url, ADMIN_PASSWORD, {
      username: 'shift-lead',
      role: 'supervisor',
    });
    page = await operator.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a delivered post live and turns it into an appeal on the social channel', async () => {
    await page.goto(`${server.url}/triage`);
    await page.getByTestId('triage-empty').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Triage', exact: true }).waitFor();

    const postId = await deliver();
    const card = page.locator(`[data-testid="social-post"][data-post-id="${postId}"]`);
    await card.waitFor({ timeout: 2000 });
    const text = await card.innerText();
    expect(text).toContain('Aigerim B. (@aigerim)');
    expect(text).toContain('Открытый люк у школы №45');
    expect(text).toContain('51.16050, 71.47040');
    expect(await card.getByRole('link', { name: 'Open the post' }).getAttribute('href')).toBe(
      'https://instagram.com/p/abc',
    );
    await nav.getByRole('link', { name: 'Triage (waiting: 1)' }).waitFor({ timeout: 2000 });

    // A second post, without a location, and one a colleague will dismiss: the queue as operators see it.
    await deliver({
      kind: 'direct',
      author: { name: 'Нурлан' },
      text: 'Во дворе дома 12 по улице Сыганак не горят фонари уже неделю',
      location: undefined,
      url: undefined,
    });
    const spamId = await deliver({ author: { handle: '@promo' }, text: 'Скидки на окна! #astana109' });
    await page.locator(`[data-post-id="${spamId}"]`).waitFor({ timeout: 2000 });
    await page.screenshot({ path: join(ARTIFACTS, 'triage-queue.png') });

    // A colleague dismisses the advertising: it leaves this page without a reload.
    const dismissed = await colleague.request.post(`${server.url}/api/social-posts/${spamId}/dismiss`, {
      data: { reason: 'Advertising, not a city problem' },
    });
    expect(dismissed.status()).toBe(200);
    await page.locator(`[data-post-id="${spamId}"]`).waitFor({ state: 'detached', timeout: 2000 });

    // Make an appeal: the category by typing, the post's own point, its text as the description.
    await card.getByRole('button', { name: 'Make an appeal from the post by Aigerim B. (@aigerim)' }).click();
    const category = card.getByRole('combobox', { name: 'Category' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe(`convert-${postId}-category`);
    await page.keyboard.type('manhole');
    await page.keyboard.press('Enter');
    expect(await category.inputValue()).toBe('Open manhole');
    expect(await card.getByRole('checkbox', { name: /Use the post's location/ }).isChecked()).toBe(true);
    expect(await card.getByLabel('Description').inputValue()).toContain('Открытый люк у школы №45');
    await page.screenshot({ path: join(ARTIFACTS, 'triage-convert.png') });
    await card.getByRole('button', { name: 'Register the appeal' }).click();

    await card.waitFor({ state: 'detached', timeout: 5000 });
    const notice = page.getByTestId('triage-notice').first();
    await notice.waitFor();
    const number = /became appeal (\d{4}-\d{6})/.exec(await notice.innerText())?.[1];
    expect(number).toBeDefined();
    const ticketId = Number(
      (await notice.getByRole('link', { name: 'Open the appeal' }).getAttribute('href'))?.split('/').pop(),
    );
    const res = await operator.request.get(`${server.url}/api/tickets/${ticketId}`);
    const ticket = (await res.json()) as TicketWithHistory;
    expect(ticket).toMatchObject({
      registrationNumber: number,
      channel: 'social',
      categoryId: 'open-manhole',
      lat: 51.1605,
      lon: 71.4704,
      reporterName: 'Aigerim B.',
    });
    const queue = (await (
      await operator.request.get(`${server.url}/api/social-posts`)
    ).json()) as SocialPost[];
    expect(queue.map((p) => p.id)).not.toContain(postId);
    await nav.getByRole('link', { name: 'Triage (waiting: 1)' }).waitFor({ timeout: 2000 });
  });
});
