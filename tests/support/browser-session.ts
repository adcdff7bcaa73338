import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../server/contracts/auth.contract.ts';

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

/** Someone the administrator creates for a test: a role, and an agency for agency staff. */
export interface StaffMember {
  username: string;
  role: Role;
  agencyId?: string;
  displayName?: string;
}

/**
 * Creates the account as the administrator does (POST /api/users) and returns an English-speaking
 * browser context already signed in as it (over the API: the login form has tests of its own).
 */
export async function signedInStaff(
  browser: Browser,
  baseUrl: string,
  adminPassword: string,
  member: StaffMember,
  viewport?: Viewport,
): Promise<BrowserContext> {
  const password = `${member.username}-password-1`;
  const admin = await browser.newContext();
  try {
    const login = await admin.request.post(`${baseUrl}/api/auth/login`, {
      data: { username: 'admin', password: adminPassword },
    });
    if (login.status() !== 200) throw new Error(`admin login failed: ${login.status()}`);
    const created = await admin.request.post(`${baseUrl}/api/users`, {
      data: {
        username: member.username,
        displayName: member.displayName ?? member.username,
        password,
        role: member.role,
        ...(member.agencyId && { agencyId: member.agencyId }),
      },
    });
    if (created.status() !== 201)
      throw new Error(`creating ${member.username} failed: ${await created.text()}`);
  } finally {
    await admin.close();
  }
  const context = await englishContext(browser, viewport);
  const login = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { username: member.username, password },
  });
  if (login.status() !== 200) throw new Error(`${member.username} could not log in: ${login.status()}`);
  return context;
}
