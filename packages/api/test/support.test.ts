import { describe, expect, it } from 'vitest';
import { codeOf, key } from './fixtures';
import { useApiSuite } from './suite';

const { f } = useApiSuite();

describe('support.searchCustomers', () => {
  it('finds a customer by exact email and by part of the name', async () => {
    const { customer } = await f.newCustomer();
    const agent = await (await f.supportAgent()).caller();
    const byEmail = await agent.support.searchCustomers({ query: customer.email! });
    expect(byEmail.customers.map((c) => c.id)).toEqual([customer.id]);
    const byName = await agent.support.searchCustomers({ query: 'ada love' });
    expect(byName.customers.map((c) => c.name)).toContain('Ada Lovelace');
  });

  it('finds a customer created a moment ago by id and email, though name search lags as on Stripe', async () => {
    const { customer } = await f.newCustomer();
    const agent = await (await f.supportAgent()).caller();
    expect((await agent.support.searchCustomers({ query: customer.id })).customers.map((c) => c.id)).toEqual([
      customer.id,
    ]);
    expect((await agent.support.searchCustomers({ query: customer.email! })).customers.map((c) => c.id)).toEqual([
      customer.id,
    ]);
    expect((await agent.support.searchCustomers({ query: 'cus_doesnotexist' })).customers).toEqual([]);
  });

  it('is for support staff only', async () => {
    const { caller } = await f.newCustomer();
    expect(await codeOf((await caller()).support.searchCustomers({ query: 'ada' }))).toBe('FORBIDDEN');
    expect(await codeOf((await f.callerAs(null)).support.searchCustomers({ query: 'ada' }))).toBe('UNAUTHORIZED');
  });
});

describe('support view-as', () => {
  it("shows the customer's billing read-only, audits each page viewed, and ends on stop", async () => {
    const { customer, cards } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const agent = await f.supportAgent();
    const { session, caller } = await agent.viewAs(customer.id);
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(await caller.session.me()).toMatchObject({ role: 'support', readOnly: true });
    expect((await caller.billing.paymentMethods.list()).paymentMethods.map((p) => p.id)).toEqual([cards[0]!.id]);
    expect(await codeOf(caller.billing.paymentMethods.remove({ ...key(), paymentMethodId: cards[0]!.id }))).toBe(
      'FORBIDDEN',
    );

    const log = await (await agent.caller()).support.auditLog({ customerId: customer.id });
    const actions = log.entries.map((e) => [e.action, e.outcome]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['support.startViewAs', 'ok'],
        ['support.viewed', 'ok'],
        ['billing.paymentMethods.remove', 'refused'],
      ]),
    );
    expect(log.entries.every((e) => e.impersonationId === session.impersonationId)).toBe(true);
    expect(log.entries.find((e) => e.action === 'support.startViewAs')).toMatchObject({
      actorUserId: agent.identity.userId,
      actorRole: 'support',
    });

    expect(await (await agent.caller()).support.currentViewAs()).toEqual({ ...session, reason: 'ticket 42' });
    expect(await (await agent.caller()).support.stopViewAs()).toEqual({ stopped: true });
    expect(await (await agent.caller()).support.currentViewAs()).toBeNull();
    const after = await agent.caller();
    expect(await codeOf(after.billing.paymentMethods.list())).toBe('NOT_FOUND');
    expect(await after.session.me()).toMatchObject({ readOnly: false });
    const stopped = await after.support.auditLog({ customerId: customer.id, action: 'support.stopViewAs' });
    expect(stopped.entries).toHaveLength(1);
  });

  it('expires by itself after thirty minutes', async () => {
    const { customer } = await f.newCustomer();
    const agent = await f.supportAgent();
    await agent.viewAs(customer.id);
    const later = await f.callerAs(agent.identity, { now: () => new Date(Date.now() + 31 * 60_000) });
    expect(await codeOf(later.billing.customer.get())).toBe('NOT_FOUND');
  });

  it('refuses an unknown customer and a customer-role caller', async () => {
    const agent = await (await f.supportAgent()).caller();
    expect(await codeOf(agent.support.startViewAs({ customerId: 'cus_doesnotexist123', reason: 'ticket 1' }))).toBe(
      'NOT_FOUND',
    );
    const { caller, customer } = await f.newCustomer();
    expect(await codeOf((await caller()).support.startViewAs({ customerId: customer.id, reason: 'ticket 1' }))).toBe(
      'FORBIDDEN',
    );
  });

  it('requires a reason, refused on the server, and opens nothing without one', async () => {
    const { customer } = await f.newCustomer();
    const agent = await f.supportAgent();
    const startWith = async (input: unknown) =>
      codeOf((await agent.caller()).support.startViewAs(input as { customerId: string; reason: string }));
    expect(await startWith({ customerId: customer.id })).toBe('BAD_REQUEST');
    expect(await startWith({ customerId: customer.id, reason: '   ' })).toBe('BAD_REQUEST');
    expect(await (await agent.caller()).support.currentViewAs()).toBeNull();
    expect(
      (await (await agent.caller()).support.auditLog({ customerId: customer.id, action: 'support.*' })).entries,
    ).toEqual([]);
  });

  it('keeps the reason with the visit: in the session (for the banner) and on the audit row', async () => {
    const { customer } = await f.newCustomer();
    const agent = await f.supportAgent();
    const started = await (
      await agent.caller()
    ).support.startViewAs({ customerId: customer.id, reason: '  ticket #4711 ' });
    expect(started.reason).toBe('ticket #4711');
    expect((await (await agent.caller()).support.currentViewAs())?.reason).toBe('ticket #4711');
    const [row] = (
      await (await agent.caller()).support.auditLog({ customerId: customer.id, action: 'support.startViewAs' })
    ).entries;
    expect(row?.inputSummary).toMatchObject({ reason: 'ticket #4711' });
  });

  it('records one "viewed" row per visit with the pages seen, however many reads, also concurrent ones', async () => {
    const { customer } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const agent = await f.supportAgent();
    const { caller: viewing } = await agent.viewAs(customer.id);
    await viewing.billing.overview();
    await Promise.all([
      viewing.billing.customer.get(),
      viewing.billing.customer.get(),
      viewing.billing.paymentMethods.list(),
      viewing.billing.overview(),
    ]);
    await viewing.billing.paymentMethods.list();
    const log = await (await agent.caller()).support.auditLog({ customerId: customer.id });
    const viewed = log.entries.filter((e) => e.action === 'support.viewed');
    expect(viewed).toHaveLength(1);
    expect((viewed[0]!.inputSummary as { pages: string[] }).pages.sort()).toEqual([
      'billing.customer.get',
      'billing.overview',
      'billing.paymentMethods.list',
    ]);
    expect(log.entries.some((e) => e.action.startsWith('view:'))).toBe(false);

    // A second visit is a second row.
    await agent.viewAs(customer.id);
    await (await agent.caller()).billing.overview();
    expect(
      (await (await agent.caller()).support.auditLog({ customerId: customer.id, action: 'support.viewed' })).entries,
    ).toHaveLength(2);
  });
});

describe('support.auditLog', () => {
  it('filters by customer, action prefix and outcome, newest first, and pages with a cursor', async () => {
    const { customer, caller } = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'] });
    const c = await caller();
    await c.billing.customer.update({ ...key(), name: 'One' });
    await c.billing.customer.update({ ...key(), name: 'Two' });
    const { caller: viewing } = await (await f.supportAgent()).viewAs(customer.id);
    await viewing.billing.customer.get();
    await codeOf(viewing.billing.customer.update({ ...key(), name: 'Three' }));
    const agent = await (await f.supportAgent()).caller();

    const updates = await agent.support.auditLog({
      customerId: customer.id,
      action: 'billing.customer.update',
      outcome: 'ok',
    });
    expect(updates.entries.map((e) => e.inputSummary)).toEqual([{ name: 'Two' }, { name: 'One' }]);
    const refused = await agent.support.auditLog({ customerId: customer.id, outcome: 'refused' });
    expect(refused.entries.map((e) => e.action)).toEqual(['billing.customer.update']);
    const views = await agent.support.auditLog({ customerId: customer.id, action: 'support.*' });
    expect(views.entries.map((e) => e.action)).toEqual(['support.viewed', 'support.startViewAs']);

    const page1 = await agent.support.auditLog({ customerId: customer.id, limit: 2 });
    expect(page1.entries).toHaveLength(2);
    const page2 = await agent.support.auditLog({ customerId: customer.id, limit: 2, cursor: page1.nextCursor! });
    const all = await agent.support.auditLog({ customerId: customer.id });
    expect([...page1.entries, ...page2.entries].map((e) => e.id)).toEqual(all.entries.slice(0, 4).map((e) => e.id));
  });

  it('finds a customer created a moment ago by id and email, though name search lags as on Stripe', async () => {
    const { customer } = await f.newCustomer();
    const agent = await (await f.supportAgent()).caller();
    expect((await agent.support.searchCustomers({ query: customer.id })).customers.map((c) => c.id)).toEqual([
      customer.id,
    ]);
    expect((await agent.support.searchCustomers({ query: customer.email! })).customers.map((c) => c.id)).toEqual([
      customer.id,
    ]);
    expect((await agent.support.searchCustomers({ query: 'cus_doesnotexist' })).customers).toEqual([]);
  });

  it('is for support staff only', async () => {
    const { caller, customer } = await f.newCustomer();
    expect(await codeOf((await caller()).support.auditLog({ customerId: customer.id }))).toBe('FORBIDDEN');
  });
});
