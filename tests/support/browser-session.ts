import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A screen size in CSS pixels. */
export interface Viewport {
  width: number;
  height: number;
}

/** A fresh browser context (nothing stored but the interface language, English) at `viewport`. */
export async function englishContext(
  browser: Browser,
  viewport: Viewport = { width: 1920, height: 1080 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => localStorage.setItem('komek.locale', 'en'));
  return context;
}

/**
 * Logs in as a person does: the login form, typed from the keyboard and sent with Enter. Resolves
 * once the app has left /login (for the role's home page); returns that page's path.
 */
export async function logInThroughForm(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<string> {
  await page.goto(`${baseUrl}/login`);
  // The username field has the focus when the page opens: typing starts there.
  await page.waitForFunction(() => document.activeElement?.id === 'username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname !== '/login');
  return new URL(page.url()).pathname;
}

/** The paths the header's main navigation links to, in order (the badges left out). */
export function navPaths(page: Page): Promise<string[]> {
  return page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}
