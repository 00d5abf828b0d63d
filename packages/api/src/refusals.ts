import { ErrorReason } from '@portal/contract';
import { TRPCError } from '@trpc/server';

/**
 * The refusals a customer can meet, in one place so every procedure words them alike. A foreign
 * id and a missing one get the very same NOT_FOUND: nothing tells whether another customer's
 * object exists.
 */
export const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} not found.` });

export const featureDisabled = (message: string) =>
  new TRPCError({ code: 'FORBIDDEN', message, cause: { reason: ErrorReason.featureDisabled } });

export const actionUnavailable = (message: string) =>
  new TRPCError({ code: 'BAD_REQUEST', message, cause: { reason: ErrorReason.actionUnavailable } });

export const badRequest = (message: string, reason?: string) =>
  new TRPCError({ code: 'BAD_REQUEST', message, ...(reason ? { cause: { reason } } : {}) });

/** Stripe's "No such …" (404): an id that does not exist reads exactly like a foreign one. */
export function isStripeMissing(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string } | null;
  return e?.statusCode === 404 || e?.code === 'resource_missing';
}
