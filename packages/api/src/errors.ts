import { TRPCError, type TRPCDefaultErrorShape } from '@trpc/server';
import { ErrorReason } from '@portal/contract';
import Stripe from 'stripe';

/** The reason a client can switch on, carried in `error.data.reason` (see contract ErrorReason). */
function reasonOf(cause: unknown): string | null {
  if (cause && typeof cause === 'object' && 'reason' in cause && typeof cause.reason === 'string') return cause.reason;
  return null;
}

/** The finer code under the reason (see contract Refusal), e.g. `already_paused`. */
function detailOf(cause: unknown): string | null {
  if (cause && typeof cause === 'object' && 'detail' in cause && typeof cause.detail === 'string') return cause.detail;
  return null;
}

/** A declined card's code (`insufficient_funds`…), so the SPA can say what the bank said. */
function declineCodeOf(cause: unknown): string | null {
  if (cause && typeof cause === 'object' && 'declineCode' in cause && typeof cause.declineCode === 'string')
    return cause.declineCode;
  return null;
}

/** The values a client words the reason with (see contract ErrorParams). */
function paramsOf(cause: unknown): Record<string, string | number> | null {
  if (!cause || typeof cause !== 'object' || !('params' in cause) || !cause.params || typeof cause.params !== 'object')
    return null;
  return Object.fromEntries(
    Object.entries(cause.params).filter(
      (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
    ),
  );
}

/** Shapes every error for the wire: no stack traces, no Stripe internals, a stable reason. */
export function errorFormatter({ shape, error }: { shape: TRPCDefaultErrorShape; error: TRPCError }) {
  const internal = error.code === 'INTERNAL_SERVER_ERROR';
  return {
    message: internal ? 'Something went wrong on our side. Please try again.' : shape.message,
    code: shape.code,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      reason: reasonOf(error.cause),
      detail: detailOf(error.cause),
      declineCode: declineCodeOf(error.cause),
      params: paramsOf(error.cause),
    },
  };
}

/** Maps a failed Stripe call to an error a customer can act on; everything else stays internal. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof Stripe.errors.StripeCardError) {
    return new TRPCError({
      code: 'BAD_REQUEST',
      message: error.message,
      cause: { reason: ErrorReason.cardDeclined, declineCode: error.decline_code ?? error.code ?? null },
    });
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError
  ) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Billing is briefly unavailable. Please try again in a moment.',
      cause: { reason: ErrorReason.stripeUnavailable },
    });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
}
