// @vitest-environment happy-dom
import { DEMO } from '@portal/stripe-emulator';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CancelFlowSection } from '../src/components/cancel-flow-section';
import { ErrorNotice } from '../src/components/error-notice';
import { PauseDialog } from '../src/components/pause-dialog';
import { PreviewTable } from '../src/components/preview-table';
import { clientFor, renderPortal, startServer } from './portal-harness';

/**
 * Issues 16 and 18: the server sends codes and data; every sentence a customer reads comes from the
 * catalogs. A German and an Arabic render of the server's real answers (preview lines, a refusal,
 * the retention offer) must hold none of the English the server used to write.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let refusal: unknown;
beforeAll(async () => {
  server = await startServer();
  // A refusal as the client receives it: pausing a subscription whose payments are already paused.
  const client = clientFor(server.url, await tokenOf(DEMO.customers.trialing));
  const pause = () =>
    client.billing.subscription.pause.mutate({
      subscriptionId: DEMO.subscriptions.trialing,
      idempotencyKey: randomUUID(),
    });
  await pause();
  refusal = await pause().then(
    () => null,
    (e: unknown) => e,
  );
}, 90_000);
afterAll(() => server.close());
afterEach(cleanup);

const tokenOf = (customer: string) =>
  server.tokenFor({ sub: `user-${customer}`, email: `${customer}@example.com`, customer_id: customer });

const ENGLISH = [
  'Unused time',
  'Remaining time',
  'Pause your payments',
  'instead',
  'already paused',
  'Payments for this subscription',
];
const expectNoEnglish = () => {
  for (const phrase of ENGLISH) expect(document.body.textContent, phrase).not.toContain(phrase);
};

const cases = [
  {
    locale: 'de' as const,
    charge: /^Verbleibende Zeit für 1 × Business ab /,
    refusal: 'Die Zahlungen für dieses Abonnement sind bereits pausiert.',
    next: 'Weiter',
    offer: 'Bevor Sie kündigen',
    offerText: /^Machen Sie stattdessen eine Pause: Pausieren Sie die Zahlungen bis /,
  },
  {
    locale: 'ar' as const,
    charge: /^الوقت المتبقي من .+ × Business بعد /,
    refusal: 'المدفوعات لهذا الاشتراك متوقفة مؤقتًا بالفعل.',
    next: 'متابعة',
    offer: 'قبل الإلغاء',
    offerText: /^خذ استراحة بدلًا من ذلك/,
  },
];

describe.each(cases)('in $locale', (c) => {
  it('words the preview’s lines from their plan, quantity and date', async () => {
    const token = await tokenOf(DEMO.customers.active);
    const client = clientFor(server.url, token);
    const sub = (await client.billing.overview.query()).subscriptions.find((s) => s.id === DEMO.subscriptions.active)!;
    const preview = await client.billing.subscription.previewChange.query({
      subscriptionId: sub.id,
      items: [{ itemId: sub.items[0]!.itemId, priceId: DEMO.prices.businessMonthly }],
    });
    renderPortal(<PreviewTable preview={preview} />, { url: server.url, token, locale: c.locale });
    expect(await screen.findByRole('rowheader', { name: c.charge })).toBeTruthy();
    expectNoEnglish();
  });

  it('words a refusal from its reason and detail', async () => {
    renderPortal(<ErrorNotice error={refusal} />, { url: server.url, token: '', locale: c.locale });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(c.refusal));
    expectNoEnglish();
  });

  it('words the retention offer from its terms', async () => {
    const token = await tokenOf(DEMO.customers.multiSeat);
    renderPortal(<CancelFlowSection subscriptionId={DEMO.subscriptions.multiSeat} />, {
      url: server.url,
      token,
      locale: c.locale,
    });
    fireEvent.click(await screen.findByRole('button', { name: c.next }));
    expect(await screen.findByRole('heading', { name: c.offer })).toBeTruthy();
    expect(screen.getByText(c.offerText)).toBeTruthy();
    expectNoEnglish();
  });
});

describe('the pause confirmation', () => {
  it('says what was done and when payments resume, not the card’s state', async () => {
    const token = await tokenOf(DEMO.customers.multiItem);
    renderPortal(<PauseDialog subscriptionId={DEMO.subscriptions.multiItem} onClose={() => undefined} />, {
      url: server.url,
      token,
    });
    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    fireEvent.change(await screen.findByLabelText(/Resume automatically on/), { target: { value: date } });
    fireEvent.click(screen.getByRole('button', { name: 'Pause payments' }));
    const expected = `Payments paused. They resume on ${new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(`${date}T00:00:00Z`))}.`;
    await waitFor(() => expect(screen.getByText(expected)).toBeTruthy());
    expect(screen.queryByText('Payments are paused.')).toBeNull();
  });
});
