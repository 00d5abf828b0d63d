import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { card, expect, shot, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

describe('support console', () => {
  it('views a customer read-only: controls disabled, the server refuses every change, the audit trail records it', async () => {
    const { page, errors } = await portal.signIn('support@example.com');
    await page.getByRole('heading', { name: 'Support console' }).waitFor();
    // An empty search says so in words, not with an empty table.
    await page.getByLabel('Email or name').fill('nobody-here@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: 'No customers match “nobody-here@example.com”.' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);

    await page.getByLabel('Email or name').fill('ada@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 customer found', { exact: true }).waitFor();
    // No reason, no view-as: the button waits for one (and the server refuses without one).
    expect(await page.getByRole('button', { name: /View Ada Lovelace as customer/ }).isDisabled()).toBe(true);
    await page.getByLabel(/Reason for viewing/).fill('ticket #4711');
    await shot(page, 'support-search');
    await page.getByRole('button', { name: /View Ada Lovelace as customer/ }).click();

    const banner = page.getByRole('region', { name: 'Read-only view' });
    await banner.getByText('Reason: ticket #4711').waitFor();
    const pro = card(page, 'Pro');
    await pro.waitFor();
    await shot(page, 'support-view-as');
    // Every action control is disabled in the read-only view.
    for (const button of await page
      .getByRole('button', { name: /Pause payments|Keep my plan|Resume payments|Undo change/ })
      .all()) {
      expect(await button.isDisabled()).toBe(true);
    }
    await page
      .getByRole('navigation', { name: 'Billing sections' })
      .getByRole('link', { name: 'Payment methods' })
      .click();
    expect(await page.getByRole('button', { name: 'Add payment method' }).isDisabled()).toBe(true);

    // And the server refuses them anyway, whatever the browser sends.
    const attempts = [
      ['billing.subscription.cancel', { subscriptionId: 'sub_demo_active' }],
      ['billing.subscription.pause', { subscriptionId: 'sub_demo_active' }],
      ['billing.paymentMethods.remove', { paymentMethodId: 'pm_demo_active_visa' }],
      // A forged key outside the schema: the audit trail must keep only the parsed input (#15 item 8).
      ['billing.customer.update', { name: 'Mallory', note: 'Refund approved by support lead Jane' }],
    ] as const;
    for (const [path, input] of attempts) {
      const status = await page.evaluate(
        async ({ path, body }) =>
          (await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }))
            .status,
        { path, body: JSON.stringify({ ...input, idempotencyKey: randomUUID() }) },
      );
      expect(status, path).toBe(403);
    }
    const stripe = stripeBehind(portal.server);
    const sub = await stripe.subscriptions.retrieve('sub_demo_active');
    expect(sub.cancel_at_period_end).toBe(false);
    expect(sub.pause_collection).toBeNull();
    expect((await stripe.customers.retrieve('cus_demo_active')) as { name?: string }).toMatchObject({
      name: 'Ada Lovelace',
    });

    await page.getByRole('button', { name: 'Stop viewing' }).click();
    await page.getByRole('heading', { name: 'Support console' }).waitFor();
    await page.getByRole('tab', { name: 'Audit trail' }).click();
    await page.getByLabel('Customer id').fill('cus_demo_active');
    await page.getByRole('cell', { name: 'billing.subscription.cancel' }).first().waitFor();
    const refused = page.getByRole('row').filter({ hasText: 'billing.subscription.cancel' }).first();
    expect(await refused.textContent()).toContain('Refused');
    // The recorded input reads as data (field: value), never as a note from anyone.
    const update = page.getByRole('row').filter({ hasText: 'billing.customer.update' }).first();
    const recorded = update.locator('dl.audit-input');
    expect(await recorded.locator('dt').allTextContents()).toEqual(['name']);
    expect(await recorded.locator('dd').allTextContents()).toEqual(['"Mallory"']);
    expect(await update.textContent()).not.toContain('Refund approved');
    // The reason and one row for the whole visit, with the pages seen, not a row per page read.
    expect(await page.getByRole('row').filter({ hasText: 'support.startViewAs' }).first().textContent()).toContain(
      'Reason: ticket #4711',
    );
    const visit = page.getByRole('row').filter({ hasText: 'support.viewed' });
    expect(await visit.count()).toBe(1);
    expect(await visit.textContent()).toMatch(
      /Pages seen: .*overview.*paymentMethods\.list|Pages seen: .*paymentMethods\.list.*overview/,
    );
    expect(await page.getByRole('cell', { name: /^view:/ }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Action' }).selectOption('support.viewed');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await shot(page, 'support-audit');

    // On a wide desktop there is room for every column: ids, action names and labels ("view-as")
    // are read whole, never broken mid-word (each word's boxes share one line), and the table stays
    // inside its card. Only the free-form details may break a long value (a URL).
    await page.getByRole('combobox', { name: 'Action' }).selectOption('');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('cell', { name: 'support.startViewAs' }).first().waitFor();
    const broken = await page.locator('.table tbody td:not(.audit-details-cell)').evaluateAll((cells) => {
      const split: string[] = [];
      for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const word of node.textContent!.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) split.push(word[0]);
          }
        }
      }
      return split;
    });
    expect(broken).toEqual([]);
    const [table, box] = await page
      .locator('.table')
      .evaluate((t) => [t.getBoundingClientRect().right, t.closest('.card')!.getBoundingClientRect().right]);
    expect(table).toBeLessThanOrEqual(box!);
    await shot(page, 'support-audit-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'support-audit-390');
    expect(unexpected(errors)).toEqual([]);
  });
});
