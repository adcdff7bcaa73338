import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { launchChromium } from '../support/browser.ts';
import { signedInStaff } from '../support/browser-session.ts';
import { ticketFactory } from '../support/factories.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password';

// A ticket's photos on its page: an agency crew adds one, the supervisor watching the same ticket
// sees it arrive, opens it full size and steps through from the keyboard; a file that is not what
// it claims is refused with the reason.
describe('ticket photos end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-e2e-photos-'));
  let server: ServerProcess;
  let browser: Browser;
  let ticket: Ticket;
  let supervisor: BrowserContext;
  let crew: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ADMIN_PASSWORD, SIMULATOR: 'off' }),
      launchChromium(),
    ]);
    const viewport = { width: 1440, height: 1000 };
    supervisor = await signedInStaff(
      browser,
      server.url,
      ADMIN_PASSWORD,
      { username: 'shift-lead', role: 'supervisor' },
      viewport,
    );
    crew = await signedInStaff(
      browser,
      server.url,
      ADMIN_PASSWORD,
      { username: 'water-crew', role: 'agency', agencyId: 'astana-su-arnasy' },
      viewport,
    );
    const res = await supervisor.request.post(`${server.url}/api/tickets`, {
      data: ticketFactory({ categoryId: 'flooding', description: 'Water over the kerb on Kenesary' }),
    });
    expect(res.status()).toBe(201);
    ticket = (await res.json()) as Ticket;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const openTicket = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${server.url}/tickets/${ticket.id}`);
    await page.getByTestId('ticket-attachments').waitFor();
    return page;
  };

  it('shows a photo the crew adds on the supervisor’s open page, full size, stepping with the keyboard', async () => {
    const lead = await openTicket(supervisor);
    await expect
      .poll(() => lead.getByTestId('ticket-attachments').textContent())
      .toContain('No photos or files yet.');
    const crewPage = await openTicket(crew);
    // Two real, different images: screenshots of two parts of the page itself.
    for (const [n, name, y] of [
      [1, 'before.png', 0],
      [2, 'after.png', 300],
    ] as const) {
      await crewPage.getByTestId('attachment-input').setInputFiles({
        name,
        mimeType: 'image/png',
        buffer: await crewPage.screenshot({ clip: { x: 0, y, width: 320, height: 200 } }),
      });
      await expect.poll(() => crewPage.getByTestId('attachment-photo').count(), { timeout: 15_000 }).toBe(n);
    }

    const photos = lead.getByTestId('attachment-photo');
    await expect.poll(() => photos.count(), { timeout: 15_000 }).toBe(2);
    expect(await photos.first().locator('img').getAttribute('alt')).toMatch(/^Photo 1: from staff, /);
    await photos.first().click();
    const viewer = lead.getByTestId('attachment-viewer');
    await expect.poll(() => viewer.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    const shown = viewer.locator('figure img');
    await expect.poll(() => shown.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(320);
    expect(await viewer.locator('figcaption').textContent()).toContain('1 of 2');
    await lead.keyboard.press('ArrowRight');
    expect(await viewer.locator('figcaption').textContent()).toContain('2 of 2');
    await lead.keyboard.press('Escape');
    await expect.poll(() => viewer.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
  });

  it('refuses a file that is not what it claims, saying why, and keeps nothing', async () => {
    const page = await openTicket(crew);
    await page.getByTestId('attachment-input').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is not an image at all'),
    });
    const alert = page.getByTestId('ticket-attachments').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).not.toBe('');
    expect(await page.getByTestId('attachment-photo').count()).toBe(2);
  });
});
