import { describe, expect, it } from 'vitest';
import { testPortalConfig } from './harness';
import { codeOf, errorOf, key, reasonOf } from './fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

const withCustomerUpdate = (customer_update: {
  enabled: boolean;
  allowed_updates: ('address' | 'email' | 'name' | 'phone' | 'shipping' | 'tax_id')[];
}) => ({
  ...testPortalConfig,
  default: { ...testPortalConfig.default, features: { ...testPortalConfig.default.features, customer_update } },
});
const nameOnly = withCustomerUpdate({ enabled: true, allowed_updates: ['name'] });
const address = { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };

describe('billing.customer', () => {
  it('reads the billing details and which ones may be edited', async () => {
    const { caller, customer } = await f.newCustomer();
    const details = await (await caller({ portalConfig: nameOnly })).billing.customer.get();
    expect(details).toMatchObject({
      id: customer.id,
      name: customer.name,
      email: customer.email,
      address: null,
      shipping: null,
    });
    expect(details.editableFields).toEqual(['name', 'preferred_locales']);
    expect(details.taxIdsEditable).toBe(false);
  });

  it('updates name, email, phone, address, shipping and locales in Stripe', async () => {
    const { caller, customer } = await f.newCustomer();
    const out = await (
      await caller()
    ).billing.customer.update({
      ...key(),
      name: 'Grace Hopper',
      email: 'grace@example.com',
      phone: '+1 415 555 0100',
      address,
      shipping: { name: 'Grace at work', address: { ...address, line1: '2 Navy Yard' } },
      preferredLocales: ['fr'],
    });
    expect(out).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com', preferredLocales: ['fr'] });
    const fresh = await h.stripe.customers.retrieve(customer.id);
    if ('deleted' in fresh) throw new Error('deleted');
    expect(fresh.address).toMatchObject({
      line1: '1 Main St',
      city: 'Springfield',
      postal_code: '12345',
      country: 'US',
    });
    expect(fresh.shipping).toMatchObject({ name: 'Grace at work', address: { line1: '2 Navy Yard' } });
    expect(fresh.phone).toBe('+1 415 555 0100');
  });

  it('clears the address with null', async () => {
    const { caller, customer } = await f.newCustomer();
    const c = await caller();
    await c.billing.customer.update({ ...key(), address });
    expect((await c.billing.customer.update({ ...key(), address: null })).address).toBeNull();
    const fresh = await h.stripe.customers.retrieve(customer.id);
    expect('deleted' in fresh ? 'deleted' : fresh.address).toBeNull();
  });

  it('refuses a field the configuration does not allow, with FEATURE_DISABLED, and changes nothing', async () => {
    const { caller, customer } = await f.newCustomer();
    const error = await errorOf(
      (await caller({ portalConfig: nameOnly })).billing.customer.update({
        ...key(),
        name: 'New',
        email: 'new@example.com',
      }),
    );
    expect([error.code, reasonOf(error)]).toEqual(['FORBIDDEN', 'FEATURE_DISABLED']);
    expect(error.message).toContain('email');
    const fresh = await h.stripe.customers.retrieve(customer.id);
    expect('deleted' in fresh ? null : fresh.name).toBe(customer.name);
  });

  it('rejects a malformed email before calling Stripe', async () => {
    const { caller } = await f.newCustomer();
    expect(await codeOf((await caller()).billing.customer.update({ ...key(), email: 'not-an-email' }))).toBe(
      'BAD_REQUEST',
    );
  });

  it("passes Stripe's own validation message on as BAD_REQUEST", async () => {
    const { caller } = await f.newCustomer();
    const error = await errorOf((await caller()).billing.customer.update({ ...key(), phone: '+1 415 555 0100 01999' }));
    expect(error.code).toBe('BAD_REQUEST');
    // Our schema checks the format; Stripe enforces its 20-character limit, and says so.
    expect(error.message).toMatch(/at most 20 characters/);
    expect(error.message).not.toMatch(/must be a phone number|went wrong/);
  });

  it('is UNAUTHORIZED anonymously and FORBIDDEN for a read-only view', async () => {
    expect(await codeOf((await f.callerAs(null)).billing.customer.get())).toBe('UNAUTHORIZED');
    const { customer } = await f.newCustomer();
    const { caller } = await (await f.supportAgent()).viewAs(customer.id);
    expect((await caller.billing.customer.get()).id).toBe(customer.id);
    expect(await codeOf(caller.billing.customer.update({ ...key(), name: 'Hacked' }))).toBe('FORBIDDEN');
  });
});

describe('billing.taxIds', () => {
  it('adds, lists and removes a tax ID with its verification status', async () => {
    const { caller, customer } = await f.newCustomer();
    const c = await caller();
    const added = await c.billing.taxIds.add({ ...key(), type: 'eu_vat', value: 'DE123456789' });
    expect(added).toMatchObject({ type: 'eu_vat', value: 'DE123456789', country: 'DE' });
    expect(['pending', 'verified']).toContain(added.verificationStatus);
    expect((await c.billing.taxIds.list()).taxIds.map((t) => t.id)).toEqual([added.id]);
    expect((await c.billing.taxIds.remove({ ...key(), taxIdId: added.id })).taxIds).toEqual([]);
    expect((await h.stripe.customers.listTaxIds(customer.id)).data).toEqual([]);
  });

  it("maps Stripe's validation error to BAD_REQUEST with Stripe's message", async () => {
    const { caller } = await f.newCustomer();
    const error = await errorOf((await caller()).billing.taxIds.add({ ...key(), type: 'eu_vat', value: 'nonsense' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(reasonOf(error)).toBe('INVALID_TAX_ID');
    expect(error.message).toMatch(/eu_vat/);
    // What a client needs to say it in the customer's language, not just Stripe's English.
    expect(error.cause).toMatchObject({ params: { type: 'eu_vat' } });
  });

  it('refuses the same tax ID twice (however it is typed) with DUPLICATE_TAX_ID, and keeps one', async () => {
    const { caller, customer } = await f.newCustomer();
    const c = await caller();
    await c.billing.taxIds.add({ ...key(), type: 'eu_vat', value: 'DE123456789' });
    const error = await errorOf(c.billing.taxIds.add({ ...key(), type: 'eu_vat', value: 'de 123 456 789' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(reasonOf(error)).toBe('DUPLICATE_TAX_ID');
    expect(error.cause).toMatchObject({ params: { type: 'eu_vat', value: 'DE123456789' } });
    expect((await h.stripe.customers.listTaxIds(customer.id)).data).toHaveLength(1);
  });

  it('answers a retry of the same add (its answer lost) with the tax ID it created, not a duplicate error', async () => {
    const { caller, customer } = await f.newCustomer();
    const c = await caller();
    const input = { ...key(), type: 'eu_vat', value: 'FR12345678901' };
    const first = await c.billing.taxIds.add(input);
    expect(await c.billing.taxIds.add(input)).toMatchObject({ id: first.id, type: first.type, value: first.value });
    expect((await h.stripe.customers.listTaxIds(customer.id)).data).toHaveLength(1);
  });

  it("answers NOT_FOUND for another customer's tax ID exactly like a missing one, and keeps it", async () => {
    const other = await f.newCustomer();
    const theirs = await h.stripe.customers.createTaxId(other.customer.id, { type: 'eu_vat', value: 'FR12345678901' });
    const c = await (await f.newCustomer()).caller();
    const foreign = await errorOf(c.billing.taxIds.remove({ ...key(), taxIdId: theirs.id }));
    const missing = await errorOf(c.billing.taxIds.remove({ ...key(), taxIdId: 'txi_doesnotexist123' }));
    expect([foreign.code, foreign.message]).toEqual(['NOT_FOUND', missing.message]);
    expect((await h.stripe.customers.listTaxIds(other.customer.id)).data.map((t) => t.id)).toEqual([theirs.id]);
  });

  it('is FORBIDDEN with FEATURE_DISABLED when tax IDs are not in allowed_updates', async () => {
    const { caller } = await f.newCustomer();
    const error = await errorOf(
      (await caller({ portalConfig: nameOnly })).billing.taxIds.add({ ...key(), type: 'eu_vat', value: 'DE123456789' }),
    );
    expect([error.code, reasonOf(error)]).toEqual(['FORBIDDEN', 'FEATURE_DISABLED']);
  });

  it('is FORBIDDEN for a read-only view and UNAUTHORIZED anonymously', async () => {
    const { customer } = await f.newCustomer();
    const { caller } = await (await f.supportAgent()).viewAs(customer.id);
    expect(await codeOf(caller.billing.taxIds.add({ ...key(), type: 'eu_vat', value: 'DE123456789' }))).toBe(
      'FORBIDDEN',
    );
    expect((await h.stripe.customers.listTaxIds(customer.id)).data).toEqual([]);
    expect(await codeOf((await f.callerAs(null)).billing.taxIds.list())).toBe('UNAUTHORIZED');
  });
});
