import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { expect, shot, unexpected } from './journey';
import { freePort, startPortal, type PortalServer } from './portal-server';
import { stripeBehind } from './stripe-sdk';
import { childEnv } from './test-env';

/**
 * A separate host app ("Acme Notes", apps/example-host) embeds <BillingPortal/> and
 * <ManageBillingButton/> in its own layout and theme; its backend signs the token the portal verifies.
 */
const secret = 'example-host-e2e-secret-0123456789abcdef';
let portal: PortalServer;
let host: ChildProcess;
let hostUrl: string;
let browser: Browser;

beforeAll(async () => {
  const hostPort = await freePort();
  hostUrl = `http://127.0.0.1:${hostPort}`;
  portal = await startPortal({ PORT: String(await freePort()), AUTH_TOKEN_SECRET: secret, CORS_ORIGINS: hostUrl });
  host = spawn(process.execPath, ['--import', 'tsx', 'apps/example-host/server/host-server.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: {
      ...childEnv,
      HOST_PORT: String(hostPort),
      PORTAL_URL: portal.url,
      HOST_TOKEN_SECRET: secret,
      HOST_CUSTOMER_ID: 'cus_demo_team',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    host.stdout!.on('data', (d: Buffer) => String(d).includes('Example host:') && resolve());
    host.once('exit', (code) => reject(new Error(`example host exited with ${code}`)));
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  host?.kill('SIGTERM');
  await portal?.stop();
});

describe('the example host app embedding the portal', () => {
  it('changes the plan and adds a card inside the host layout, with a host-app token', async () => {
    const { page, errors } = await openPage(browser, hostUrl);
    await page.getByRole('heading', { name: 'Your notes' }).waitFor();
    await page.getByRole('link', { name: 'Manage billing' }).click();
    await page.waitForURL(`${hostUrl}/settings/billing`);
    const team = page.getByRole('article', { name: 'Team subscription' });
    await team.waitFor();
    // The host's theme reaches the portal through the branding variables.
    const brand = await page
      .locator('.bp-root')
      .evaluate((el) => getComputedStyle(el).getPropertyValue('--bp-brand').trim());
    expect(brand).toBe('#0f766e');
    await shot(page, 'example-host-overview');

    await team.getByRole('link', { name: 'Change plan' }).click();
    await page.waitForURL(`${hostUrl}/settings/billing/subscriptions/sub_demo_team/change`);
    await page.getByRole('button', { name: 'Add a seat' }).click();
    await page.getByTestId('due-today').waitFor();
    await page.getByRole('button', { name: 'Confirm change' }).click();
    await team.getByText('6 seats').waitFor();

    await page
      .getByRole('navigation', { name: 'Billing sections' })
      .getByRole('link', { name: 'Payment methods' })
      .click();
    await page.getByRole('button', { name: 'Add payment method' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a card' });
    await dialog.getByLabel('Card number').fill('4242 4242 4242 4242');
    await dialog.getByLabel(/Expiration/).fill('12 / 34');
    await dialog.getByLabel(/Security code/).fill('123');
    await dialog.getByRole('button', { name: 'Save card' }).click();
    await page.getByText('Visa ending in 4242').waitFor();
    await shot(page, 'example-host-payment-methods');

    const stripe = stripeBehind(portal);
    expect((await stripe.subscriptions.retrieve('sub_demo_team')).items.data[0]?.quantity).toBe(6);
    expect((await stripe.customers.listPaymentMethods('cus_demo_team')).data.map((pm) => pm.card?.last4)).toContain(
      '4242',
    );
    expect(unexpected(errors)).toEqual([]);
  });
});
