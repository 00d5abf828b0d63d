import { describe, expect, it } from 'vitest';
import { codeOf } from './fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

// A link can outlive its Stripe customer (deleted in the dashboard); that is "not found", not a crash.
describe('a customer deleted in Stripe', () => {
  it('answers NOT_FOUND for the overview and the portal configuration', async () => {
    const c = await f.newCustomer({ subscribe: true });
    await h.stripe.customers.del(c.customer.id);
    const caller = await c.caller();
    expect(await codeOf(caller.billing.overview())).toBe('NOT_FOUND');
    expect(await codeOf(caller.billing.portal.config())).toBe('NOT_FOUND');
  });
});
