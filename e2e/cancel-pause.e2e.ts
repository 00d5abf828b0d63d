import { describe, it } from 'vitest';
import { card, expect, shot, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

describe('downgrade, cancel, pause', () => {
  it('schedules a downgrade for the period end and undoes it', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    await card(page, 'Pro').getByRole('link', { name: 'Change plan' }).click();
    await page.getByRole('radio', { name: 'Choose Starter' }).check();
    await page.getByText(/takes effect on .*Nothing is charged today/).waitFor();
    await page.getByRole('button', { name: 'Confirm change' }).click();
    const pro = card(page, 'Pro');
    await pro.getByText(/Changes to Starter on/).waitFor();
    await shot(page, 'downgrade-scheduled');
    await pro.getByRole('button', { name: 'Undo change' }).click();
    await pro.getByText(/Changes to Starter on/).waitFor({ state: 'detached' });
    const sub = await stripeBehind(portal.server).subscriptions.retrieve('sub_demo_active');
    expect(sub.schedule).toBeNull();
    expect(sub.items.data[0]?.price.id).toBe('price_demo_pro_monthly');
    expect(unexpected(errors)).toEqual([]);
  });

  it('cancels through the survey, declines the offer, cancels at period end, then keeps the plan', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    await card(page, 'Pro').getByRole('link', { name: 'Cancel plan' }).click();
    await page.getByText('Step 1 of 3').waitFor();
    // A real URL per screen: the deep link survives a reload (and works from an email).
    expect(new URL(page.url()).pathname).toBe('/billing/subscriptions/sub_demo_active/cancel');
    await page.reload();
    await page.getByText('Step 1 of 3').waitFor();
    await page.getByRole('radio', { name: "It's too expensive" }).check();
    await page.getByLabel(/Anything else/).fill('Budget cuts this quarter');
    await shot(page, 'cancel-survey');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Accept offer' }).waitFor();
    await shot(page, 'cancel-offer');
    await page.getByRole('button', { name: /No thanks/ }).click();
    await page.getByText(/stays active until/).waitFor();
    await page.getByRole('button', { name: 'Cancel at end of period' }).click();
    const pro = card(page, 'Pro');
    await pro.getByText(/Your plan ends on/).waitFor();
    await shot(page, 'cancel-pending');

    const stripe = stripeBehind(portal.server);
    const canceled = await stripe.subscriptions.retrieve('sub_demo_active');
    expect(canceled.cancel_at_period_end).toBe(true);
    expect(canceled.cancellation_details).toMatchObject({
      feedback: 'too_expensive',
      comment: 'Budget cuts this quarter',
    });

    await pro.getByRole('button', { name: 'Keep my plan' }).click();
    await pro.getByText(/Your plan ends on/).waitFor({ state: 'detached' });
    expect((await stripe.subscriptions.retrieve('sub_demo_active')).cancel_at_period_end).toBe(false);
    expect(unexpected(errors)).toEqual([]);
  });

  it('accepts the retention offer instead of cancelling', async () => {
    const { page, errors } = await portal.signIn('margaret@example.com');
    await card(page, 'Team').getByRole('link', { name: 'Cancel plan' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Accept offer' }).click();
    await page.getByRole('status').filter({ hasText: 'Offer accepted' }).waitFor();
    const sub = await stripeBehind(portal.server).subscriptions.retrieve('sub_demo_team');
    expect(sub.cancel_at_period_end).toBe(false);
    expect(sub.status).not.toBe('canceled');
    expect(unexpected(errors)).toEqual([]);
  });

  it('pauses payments until a date and resumes them', async () => {
    const { page, errors } = await portal.signIn('barbara@example.com');
    const sub = page.getByRole('article').first();
    await sub.getByRole('button', { name: 'Pause payments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause payments' });
    const resumeOn = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel(/Resume automatically/).fill(resumeOn);
    await shot(page, 'pause-dialog');
    await dialog.getByRole('button', { name: 'Pause payments' }).click();
    await sub.getByText(/Payments are paused until/).waitFor();
    const stripe = stripeBehind(portal.server);
    const paused = await stripe.subscriptions.retrieve('sub_demo_multi');
    expect(paused.pause_collection?.behavior).toBeTruthy();
    expect(paused.pause_collection?.resumes_at).toBe(Date.parse(`${resumeOn}T00:00:00Z`) / 1000);
    await sub.getByRole('button', { name: 'Resume payments' }).click();
    await sub.getByText(/Payments are paused/).waitFor({ state: 'detached' });
    expect((await stripe.subscriptions.retrieve('sub_demo_multi')).pause_collection).toBeNull();
    expect(unexpected(errors)).toEqual([]);
  });
});
