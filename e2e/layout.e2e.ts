import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, it } from 'vitest';
import { expect, unexpected, useJourneys } from './journey';
import { layoutProblems, type LayoutProblem } from './layout';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

// Two states the seed does not have: a paused plan (Margaret) and a canceled one (Katherine).
// Set once, through Stripe, before both passes; the portal learns them from its webhooks.
beforeAll(async () => {
  const stripe = stripeBehind(portal.server);
  await stripe.subscriptions.update('sub_demo_team', { pause_collection: { behavior: 'void' } });
  await stripe.subscriptions.cancel('sub_demo_canceling');
});

/** A message of the portal's catalog in `lang` (the screens' own words, so one journey walks both languages). */
function catalog(lang: string) {
  const messages = JSON.parse(
    readFileSync(new URL(`../packages/client/src/i18n/messages/${lang}.json`, import.meta.url), 'utf8'),
  ) as Record<string, string>;
  return (id: string, values: Record<string, string> = {}) =>
    (messages[id] ?? '').replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** Measured once loaded: no skeleton (the spend chart, a lazy section) left standing in. */
const settled = (page: Page) => page.locator('.bp-skeleton, [aria-busy=true]').first().waitFor({ state: 'detached' });

/** Every screen of the portal, in a left-to-right and a right-to-left language. */
const passes = [
  { browser: 'en-US', lang: 'en' },
  { browser: 'ar-EG', lang: 'ar' },
];

describe.each(passes)('layout of every screen in $lang: 360–1440 px, light and dark', ({ browser, lang }) => {
  const t = catalog(lang);
  // Problems by screen, for the running test (each test reports all of its screens at once).
  let found: Record<string, LayoutProblem[]> = {};
  beforeEach(() => {
    found = {};
  });
  const check = async (page: Page, screen: string, options?: { focus: boolean }) => {
    await settled(page);
    const problems = await layoutProblems(page, `${screen}-${lang}`, options);
    if (problems.length) found[screen] = problems;
  };
  // The browser's language, unless the customer chose another in Stripe (Ada prefers English):
  // then the portal's own language picker, in place, as that customer would.
  const inPassLanguage = async (page: Page) => {
    if ((await page.locator('.bp-root').count()) && (await page.locator('.bp-root').getAttribute('lang')) !== lang) {
      await page.locator('.bp-locale select').selectOption(lang);
      await page.locator(`.bp-root[lang="${lang}"]`).waitFor();
    }
  };
  const signIn = async (email: string) => {
    const session = await portal.signIn(email, browser);
    await session.page.locator('.bp-root[lang], .support').first().waitFor();
    await inPassLanguage(session.page);
    return session;
  };
  const visit = async (page: Page, path: string) => {
    await page.goto(`${portal.server.url}/billing${path}`);
    await page.locator('.bp-root h1').first().waitFor();
    await settled(page);
  };

  it('overview, pause dialog, change plan with its preview, cancel survey and offer, not-found', async () => {
    const { page, errors } = await signIn('ada@example.com');
    await page.getByRole('article').first().waitFor();
    await check(page, 'overview-active');

    await page
      .getByRole('button', { name: t('subscription.pause') })
      .first()
      .click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'pause-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await visit(page, '/subscriptions/sub_demo_active/change');
    await page.getByRole('radio', { name: t('change.choose', { name: 'Starter' }) }).waitFor();
    await check(page, 'change-plan');
    await page.getByRole('radio', { name: t('change.choose', { name: 'Business' }) }).click();
    await page.getByTestId('due-today').waitFor();
    await check(page, 'change-plan-preview');

    await visit(page, '/subscriptions/sub_demo_active/cancel');
    await page.getByRole('radio').first().waitFor();
    await check(page, 'cancel-survey');
    await page.getByRole('radio').first().click();
    await page.getByRole('button', { name: t('cancel.continue') }).click();
    await page.getByRole('button', { name: t('cancel.offer.accept') }).waitFor();
    await check(page, 'cancel-offer');

    await visit(page, '/this-page-does-not-exist');
    await page.getByRole('heading', { name: t('notFound.title') }).waitFor();
    await check(page, 'not-found');
    expect(found).toEqual({});
    expect(unexpected(errors)).toEqual([]);
  });

  it('the overview of a trial, a past-due, a paused, a canceled and a multi-item plan; seats', async () => {
    for (const [email, state] of [
      ['grace@example.com', 'trialing'],
      ['alan@example.com', 'past_due'],
      ['margaret@example.com', 'paused'],
      ['katherine@example.com', 'canceled'],
      ['barbara@example.com', 'active'],
    ] as const) {
      const other = await signIn(email);
      await other.page
        .getByRole('article')
        .getByText(t(`status.${state}`), { exact: true })
        .first()
        .waitFor();
      // The same kinds of controls as Ada's overview, whose focus walk covers them.
      await check(other.page, `overview-${email.split('@')[0]}-${state}`, { focus: false });
      if (email === 'margaret@example.com') {
        await visit(other.page, '/subscriptions/sub_demo_team/change');
        await other.page.getByRole('spinbutton').waitFor();
        await check(other.page, 'seat-change');
      }
      expect(unexpected(other.errors), email).toEqual([]);
      await other.page.context().close();
    }
    expect(found).toEqual({});
  });

  it('payment methods with the add-card dialog, invoices, paying one, billing details and tax IDs, the hosted fallback', async () => {
    const { page, errors } = await signIn('alan@example.com');
    await visit(page, '/payment-methods');
    await page.getByRole('button', { name: t('pm.add') }).waitFor();
    await check(page, 'payment-methods');
    await page.getByRole('button', { name: t('pm.add') }).click();
    await page.getByRole('dialog').locator('iframe, input').first().waitFor();
    await check(page, 'add-card-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await visit(page, '/invoices');
    await page.getByRole('table').waitFor();
    await check(page, 'invoices');
    await page
      .getByRole('link', { name: t('invoices.payNow') })
      .first()
      .click();
    await page.getByRole('radio').first().waitFor();
    await check(page, 'pay-invoice');

    await visit(page, '/details');
    await page.getByRole('checkbox').first().waitFor();
    await check(page, 'billing-details');

    await visit(page, '');
    await page.getByRole('button', { name: t('overview.hostedPortal') }).click();
    await page.waitForURL((url) => url.pathname.includes('/_hosted/portal'));
    await page.getByRole('link').first().waitFor();
    await check(page, 'hosted-portal');
    expect(found).toEqual({});
    expect(unexpected(errors)).toEqual([]);
  });

  it('sign-in page, support search, view-as and the audit trail', async () => {
    const anonymous = await portal.openAnonymous(browser);
    await anonymous.page.getByRole('button', { name: t('login.submit') }).waitFor();
    await check(anonymous.page, 'sign-in');
    await anonymous.page.context().close();

    const { page, errors } = await portal.signIn('support@example.com', browser);
    await page.getByRole('heading', { name: t('support.title') }).waitFor();
    await page.getByLabel(t('support.search.label')).fill('ada');
    await page.getByRole('button', { name: t('support.search.submit'), exact: true }).click();
    await page.getByRole('button', { name: t('support.viewAs.label', { name: 'Ada Lovelace' }) }).waitFor();
    await check(page, 'support-search');
    // A visit, so the audit trail has rows with long action names and ids to lay out.
    await page.getByLabel(t('support.reason.label')).fill('ticket #5120, layout check');
    await page.getByRole('button', { name: t('support.viewAs.label', { name: 'Ada Lovelace' }) }).click();
    // The customer's portal opens in the customer's language (Ada's is English); the agent picks theirs.
    await page.locator('.bp-root[lang]').waitFor();
    await inPassLanguage(page);
    await page.getByRole('region', { name: t('support.readOnly.region') }).waitFor();
    await page.getByRole('article').first().waitFor();
    await check(page, 'view-as');
    await page.getByRole('button', { name: t('support.readOnly.stop') }).click();
    await page.getByRole('tab', { name: t('support.tab.audit') }).click();
    await page
      .getByRole('cell', { name: /cus_demo_active/ })
      .first()
      .waitFor();
    await check(page, 'support-audit');
    // The chosen tab stands out from the other one in either scheme.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const looks = await page
        .getByRole('tab')
        .evaluateAll((tabs) => tabs.map((tab) => getComputedStyle(tab).backgroundColor));
      expect(new Set(looks).size, `tabs in ${colorScheme}: ${looks.join(', ')}`).toBe(2);
    }
    expect(found).toEqual({});
    expect(unexpected(errors)).toEqual([]);
  });
});
