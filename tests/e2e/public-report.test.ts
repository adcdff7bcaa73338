import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { bytes, PNG_SIGNATURE, pngChunk } from '../support/image-fixtures.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;
/** A 96×72 PNG of a manhole on asphalt: small, but a real picture for the thumbnail and the screenshot. */
function manholePng(): Buffer {
  const [width, height] = [96, 72];
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) {
      const r = Math.hypot(x - 48, y - 38);
      const grain = ((x * 7 + y * 13) % 9) * 3;
      const [red, green, blue] =
        r < 18 ? [24, 24, 28] : r < 22 ? [70, 70, 76] : [118 + grain, 116 + grain, 112 + grain];
      rows.push(red, green, blue);
    }
  }
  const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return Buffer.from(
    bytes(
      PNG_SIGNATURE,
      pngChunk('IHDR', bytes(u32(width), u32(height), [8, 2, 0, 0, 0])),
      pngChunk('IDAT', deflateSync(Uint8Array.from(rows))),
      pngChunk('IEND'),
    ),
  );
}

// The residents' door end to end, as a phone sees it: no login, the real server on embedded
// PGlite, the built app and Chromium at 390×844.
describe('residents report a problem end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-public-'));
  let server: ServerProcess;
  let browser: Browser;
  let phone: BrowserContext;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'e2e-admin-password', SIMULATOR: 'off' }),
      launchChromium(),
    ]);
    phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await phone.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Picks the category and taps the middle of the map: the same point every time. */
  async function describeProblem(page: Page): Promise<void> {
    await page.goto(`${server.url}/report`);
    await page.getByLabel('Search categories').fill('manhole');
    await page.getByRole('radio', { name: 'Open manhole' }).click();
    await page.getByRole('region', { name: 'Map: tap to mark the place' }).click();
    await page.getByTestId('report-point').filter({ hasText: 'Place marked' }).waitFor();
  }

  const horizontalOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('files an appeal with a photo, shows its number and status page, and offers it to the next resident nearby', async () => {
    const page = await phone.newPage();
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/public/reports'))
        keys.push(request.headers()['idempotency-key'] ?? '');
    });

    await describeProblem(page);
    await page.getByLabel('Choose photos').setInputFiles({
      name: 'manhole.png',
      mimeType: 'image/png',
      buffer: manholePng(),
    });
    await page.getByRole('img', { name: 'Photo 1' }).waitFor();
    await page.getByLabel('Describe the problem').fill('Open manhole by the bus stop, no cover at all');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-phone.png'), fullPage: true });

    await page.getByRole('button', { name: 'Send the appeal' }).click();
    const number = await page.getByTestId('report-number').innerText({ timeout: 10_000 });
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);

    await page.getByRole('link', { name: 'Follow your appeal' }).click();
    await page.waitForURL(`**/t/${number}`);
    expect(await page.getByTestId('status-number').innerText()).toBe(number);
    expect(await page.getByTestId('status-state').getAttribute('data-state')).toMatch(/registered|assigned/);
    const timeline = page.getByTestId('status-timeline');
    expect(await timeline.innerText()).toContain('Appeal received');
    expect(await page.getByText('Photos received: 1').isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'status-phone.png'), fullPage: true });

    // A neighbour about to report the same thing at the same place is offered the first appeal.
    await page.getByRole('link', { name: 'Report another problem' }).click();
    await describeProblem(page);
    const nearby = page.getByTestId('report-nearby');
    await nearby.waitFor({ timeout: 5000 });
    expect(await nearby.innerText()).toContain('Already reported nearby');
    const follow = nearby.getByRole('link', { name: new RegExp(`^${number}, \\d+ m — follow it instead$`) });
    expect(await follow.getAttribute('href')).toBe(`/t/${number}`);
    await page.close();
  });

  it('answers an unknown number and a malformed one with their own messages', async () => {
    const page = await phone.newPage();
    await page.goto(`${server.url}/t/2026-999999`);
    await page.getByTestId('status-not_found').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Appeal not found');
    await page.goto(`${server.url}/t/not-a-number`);
    await page.getByTestId('status-malformed').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Not a registration number');
    expect(await page.getByRole('link', { name: 'Report another problem' }).getAttribute('href')).toBe(
      '/report',
    );
    await page.close();
  });
});
