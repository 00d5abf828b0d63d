import { existsSync, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser';
import { startPortal, type PortalServer } from './portal-server';

let server: PortalServer;
let browser: Browser;

beforeAll(async () => {
  server = await startPortal();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('embedded portal in a browser', () => {
  it('prints the demo logins at start', () => {
    expect(server.output()).toContain('ada@example.com');
    expect(server.output()).toContain('support@example.com');
  });

  it('logs a demo customer in and shows their plan', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await page.getByRole('heading', { name: 'Sign in to billing' }).waitFor();
    await screenshot(page, 'login');

    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const card = page.getByRole('article', { name: 'Pro subscription' });
    await card.waitFor();
    expect(await card.getByText('Active').isVisible()).toBe(true);
    expect(await card.textContent()).toMatch(/\$\d+\.\d{2}\s*per month/);
    expect(await card.textContent()).toMatch(/Renews on \w+ \d{1,2}, \d{4}/);
    const file = await screenshot(page, 'overview');
    expect(existsSync(file) && statSync(file).size > 5_000).toBe(true);

    // A deep link survives a reload: the session cookie keeps the customer signed in.
    await page.reload();
    await page.getByRole('article', { name: 'Pro subscription' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a clear error for a wrong password', async () => {
    const { page } = await openPage(browser, server.url);
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/do not match/);
  });
});
