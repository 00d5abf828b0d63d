import { ErrorReason, type ErrorParams, type Refusal } from '@portal/contract';
import { TRPCError } from '@trpc/server';

/**
 * The refusals a customer can meet, in one place so every procedure words them alike. Wording is
 * the client's (its catalogs have `error.<reason>.<detail>`): a refusal carries a reason, a detail
 * and parameters, and its `message` is only an English note for API consumers and logs.
 */
type Code = ConstructorParameters<typeof TRPCError>[0]['code'];

export const refuse = (code: Code, refusal: Refusal, message: string) =>
  new TRPCError({ code, message, cause: refusal });

/** What was not found, as `detail` of NOT_FOUND. */
export type Missing =
  'customer' | 'subscription' | 'subscription_item' | 'price' | 'invoice' | 'tax_id' | 'payment_method';

/**
 * A foreign id and a missing one get the very same NOT_FOUND: nothing tells whether another
 * customer's object exists.
 */
export const notFound = (what: Missing) =>
  refuse('NOT_FOUND', { reason: ErrorReason.notFound, detail: what }, `${what} not found.`);

/** Configured off in this portal (FORBIDDEN); `feature` names what, e.g. `pause`, `promotion_code`. */
export const featureDisabled = (feature: string, message: string) =>
  refuse('FORBIDDEN', { reason: ErrorReason.featureDisabled, detail: feature }, message);

/** Not in the subscription's current state; `state` says which, e.g. `already_paused`. */
export const actionUnavailable = (state: string, message: string) =>
  refuse('BAD_REQUEST', { reason: ErrorReason.actionUnavailable, detail: state }, message);

export const badRequest = (message: string, reason: ErrorReason, extra?: { detail?: string; params?: ErrorParams }) =>
  refuse('BAD_REQUEST', { reason, ...extra }, message);

/** Stripe's "No such …" (404): an id that does not exist reads exactly like a foreign one. */
export function isStripeMissing(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string } | null;
  return e?.statusCode === 404 || e?.code === 'resource_missing';
}
