import { ErrorReason, type TaxIdListOutput, type TaxIdView } from '@portal/contract';
import { TRPCError } from '@trpc/server';
import Stripe from 'stripe';
import type { Deps } from '../../context';
import { taxIdsEditable, toTaxIdView } from '../../mappers/customer';
import { isStripeMissing } from '../../refusals';
import { appliedBefore } from '../subscriptions/applied-before';
import { customerWithConfig, featureDisabled, findOrNotFound } from '../../viewer/guards';
import { billingStateOf, liveBillingState, type BillingState } from '../../mirror/billing-state';

type StripeKey = (action: string) => string;

/** Read for the screen (from the mirror on the server), or `live` after a change of ours. */
export async function listTaxIds(
  deps: Deps,
  customerId: string,
  state: BillingState | Promise<BillingState> = billingStateOf(deps, customerId),
): Promise<TaxIdListOutput> {
  const taxIds = await (await state).taxIds();
  return { taxIds: taxIds.map(toTaxIdView) };
}

async function requireTaxIdUpdates(deps: Deps, customerId: string): Promise<void> {
  const { config } = await customerWithConfig(deps, customerId);
  if (!taxIdsEditable(config)) throw featureDisabled('tax_ids', 'Tax IDs cannot be changed here.');
}

/** How people type the same number: spaces, dots and dashes, any case. */
const sameNumber = (a: string, b: string) =>
  a.replace(/[\s.-]/g, '').toUpperCase() === b.replace(/[\s.-]/g, '').toUpperCase();

export async function addTaxId(
  deps: Deps,
  customerId: string,
  input: { type: string; value: string },
  key: StripeKey,
): Promise<TaxIdView> {
  await requireTaxIdUpdates(deps, customerId);
  // Stripe accepts the same number twice; on an invoice it would be printed twice.
  const existing = (
    await deps.stripe.customers.listTaxIds(customerId, { limit: 100 }).autoPagingToArray({ limit: 1000 })
  ).find((t) => t.type === input.type && sameNumber(t.value, input.value));
  if (existing) {
    // Unless it is this very request, retried after its answer was lost: then that is its success.
    if (await appliedBefore(deps, existing.id, 'customer.tax_id.created', key('taxIds.add')))
      return toTaxIdView(existing);
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `This ${input.type} tax ID is already on your account.`,
      cause: { reason: ErrorReason.duplicateTaxId, params: { type: input.type, value: existing.value } },
    });
  }
  try {
    const created = await deps.stripe.customers.createTaxId(
      customerId,
      { type: input.type as Stripe.CustomerCreateTaxIdParams.Type, value: input.value },
      { idempotencyKey: key('taxIds.add') },
    );
    return toTaxIdView(created);
  } catch (error) {
    // Stripe's message is English; the reason and type let the client say it in the customer's language.
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: error.message,
        cause: { reason: ErrorReason.invalidTaxId, params: { type: input.type } },
      });
    }
    throw error;
  }
}

export async function removeTaxId(
  deps: Deps,
  customerId: string,
  taxIdId: string,
  key: StripeKey,
): Promise<TaxIdListOutput> {
  await requireTaxIdUpdates(deps, customerId);
  // Stripe scopes the tax ID by customer: another customer's id is a 404 like a missing one.
  try {
    await findOrNotFound('tax_id', () => deps.stripe.customers.retrieveTaxId(customerId, taxIdId));
  } catch (error) {
    // A retry after a DELETE that was applied but unanswered: Stripe does not replay DELETEs.
    if (
      error instanceof TRPCError &&
      error.code === 'NOT_FOUND' &&
      (await appliedBefore(deps, taxIdId, 'customer.tax_id.deleted', key('taxIds.remove')))
    ) {
      return listTaxIds(deps, customerId, liveBillingState(deps, customerId));
    }
    throw error;
  }
  try {
    await deps.stripe.customers.deleteTaxId(customerId, taxIdId, {}, { idempotencyKey: key('taxIds.remove') });
  } catch (error) {
    // Ownership was just checked, so a 404 here is our own DELETE whose answer was lost and retried.
    if (!isStripeMissing(error)) throw error;
  }
  return listTaxIds(deps, customerId, liveBillingState(deps, customerId));
}
