import { describe, it } from 'vitest';
import { card, expect, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

describe('live updates', () => {
  it('refreshes the open overview by itself when Stripe reports a change (webhook → server push)', async () => {
    const { page, errors } = await portal.signIn('katherine@example.com');
    const business = card(page, 'Business');
    await business.getByText(/Your plan ends on/).waitFor();

    // A change made outside the portal (Stripe's dashboard, the hosted portal, a support agent).
    await stripeBehind(portal.server).subscriptions.update('sub_demo_canceling', { cancel_at_period_end: false });

    await business.getByText(/Your plan ends on/).waitFor({ state: 'detached', timeout: 15_000 });
    await business.getByText(/Renews on/).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });
});
