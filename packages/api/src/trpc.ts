import { ErrorReason, MutationInput, NO_CUSTOMER_MESSAGE } from '@portal/contract';
import { auditRepo, CustomerLockTimeout } from '@portal/db';
import { getTRPCErrorFromUnknown, initTRPC, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Context, Viewer } from './context';
import { auditedInput } from './audit-input';
import { errorFormatter, toTRPCError } from './errors';

const t = initTRPC.context<Context>().create({
  errorFormatter,
  // `billing.changes` streams over SSE: pings keep proxies from closing an idle stream, and each
  // stream ends after a few minutes so the client reconnects and its viewer is resolved afresh
  // (an expired or stopped view-as then stops receiving a customer's changes).
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    maxDurationMs: 5 * 60_000,
    client: { reconnectAfterInactivityMs: 30_000 },
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Stripe and other unexpected errors are mapped in one place, here at the base of every procedure:
 * a card decline keeps its decline code, an outage reads as retryable, the rest stays internal.
 * Applied to what the rest of the chain answered and to what the middleware itself threw.
 */
async function mappingUnexpectedErrors<R extends { ok: boolean }>(run: () => Promise<R>): Promise<R> {
  let result: R;
  try {
    result = await run();
  } catch (thrown) {
    throw mapped(getTRPCErrorFromUnknown(thrown));
  }
  if (!result.ok) {
    const { error } = result as unknown as { error: TRPCError };
    const replacement = mapped(error);
    if (replacement !== error) throw replacement;
  }
  return result;
}

const mapped = (error: TRPCError) =>
  error.code === 'INTERNAL_SERVER_ERROR' && error.cause ? toTRPCError(error.cause) : error;

export const publicProcedure = t.procedure.use(({ next }) => mappingUnexpectedErrors(() => next()));

function signedIn(viewer: Context['viewer']): Viewer {
  if (!viewer)
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Please sign in to see your billing.',
      cause: { reason: ErrorReason.signInRequired },
    });
  return viewer;
}

/** A signed-in viewer of any role. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => next({ ctx: { viewer: signedIn(ctx.viewer) } }));

/**
 * A viewer whose billing customer is known; every customer-scoped read builds on this. While a
 * support agent views as the customer, each page read is audited (on the visit's `support.viewed` row).
 */
export const customerProcedure = authedProcedure.use(async ({ ctx, type, path, next }) => {
  const { viewer } = ctx;
  const customerId = viewer.customerId;
  if (!customerId) {
    throw new TRPCError({ code: 'NOT_FOUND', message: NO_CUSTOMER_MESSAGE, cause: { reason: ErrorReason.noCustomer } });
  }
  const result = await next({ ctx: { customerId } });
  if (viewer.impersonationId && type !== 'mutation') {
    // Grouped per visit (support.viewed, with the pages seen) so reads do not bury what matters.
    await auditRepo(ctx.db).recordVisitRead({
      actorUserId: viewer.userId,
      customerId,
      impersonationId: viewer.impersonationId,
      page: path,
      outcome: result.ok ? 'ok' : 'failed',
    });
  }
  return result;
});

/**
 * Every procedure that changes anything is built on this one:
 * - a read-only viewer (support "view as") is refused here, on the server, and the refusal audited;
 *   a test walks the router to prove no mutation escapes it;
 * - the client's idempotency key becomes a Stripe `Idempotency-Key` scoped by customer and action
 *   (`ctx.stripeKey('subscription.change')`), so a double submit applies once;
 * - every outcome is written to the audit trail; Stripe errors are mapped in one place.
 */
export const mutationProcedure = customerProcedure
  .input(MutationInput)
  .use(async ({ ctx, type, path, input, getRawInput, next }) => {
    if (type !== 'mutation') throw new Error('mutationProcedure is for mutations only');
    const audit = auditRepo(ctx.db);
    const actor = {
      actorUserId: ctx.viewer.userId,
      actorRole: ctx.viewer.role,
      customerId: ctx.customerId,
      action: path,
      // Parsed by the procedure's own schemas and bounded; null when the input does not validate.
      inputSummary: await auditedInput(path, await getRawInput()),
      impersonationId: ctx.viewer.impersonationId,
    };
    if (ctx.viewer.readOnly) {
      await audit.record({ ...actor, outcome: 'refused' });
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'This is a read-only view: nothing can be changed here.',
        cause: { reason: ErrorReason.readOnly },
      });
    }
    const stripeKey = (action: string) => `${ctx.customerId}:${action}:${input.idempotencyKey}`;
    const result = await oneAtATime(ctx, ctx.customerId, async () => {
      const outcome = await next({ ctx: { stripeKey } });
      // The mirror is stale from here on, and the customer's next read waits for its sync.
      if (mayHaveChangedStripe(outcome)) await ctx.mirror?.changed(ctx.customerId);
      return outcome;
    });
    await audit.record({
      ...actor,
      outcome: result.ok ? 'ok' : result.error.code === 'FORBIDDEN' ? 'refused' : 'failed',
    });
    return result;
  });

/** Payment attempts change Stripe even when they fail (a declined attempt is recorded on the invoice). */
const STRIPE_CHANGING_FAILURES = new Set<string>([
  ErrorReason.cardDeclined,
  ErrorReason.authenticationRequired,
  ErrorReason.invoiceAlreadyPaid,
]);

/**
 * Whether a mutation's outcome may have changed Stripe: a success, a payment attempt, or a failure
 * of ours or Stripe's part-way (5xx). A refusal by the portal's own rules or Stripe's validation (a
 * 4xx) changed nothing, and re-reading the customer after it would let refused calls, an
 * attacker's included, spend Stripe's rate limit.
 */
function mayHaveChangedStripe(outcome: { ok: boolean; error?: TRPCError }): boolean {
  if (outcome.ok || !outcome.error) return true;
  const error = mapped(outcome.error);
  const cause = error.cause as { reason?: unknown } | undefined;
  if (typeof cause?.reason === 'string' && STRIPE_CHANGING_FAILURES.has(cause.reason)) return true;
  return getHTTPStatusCodeFromError(error) >= 500;
}

/**
 * A customer's mutations run one after another, on every instance sharing the database: each one
 * decides on its own fresh Stripe read (services read Stripe, never the mirror, before a
 * write), taken after the previous mutation of that customer finished. Without this, two confirms
 * read the same "before" and a decrease was applied at once with a credit (issue 15, item 3).
 */
async function oneAtATime<R>(ctx: Context, customerId: string, work: () => Promise<R>): Promise<R> {
  if (!ctx.locks) return work();
  try {
    return await ctx.locks.run(`portal:customer:${customerId}`, work);
  } catch (error) {
    if (error instanceof CustomerLockTimeout) {
      throw new TRPCError({
        code: 'SERVICE_UNAVAILABLE',
        message: 'Another change to this account is still running. Please try again in a moment.',
        cause: { reason: ErrorReason.stripeUnavailable, detail: 'busy' },
      });
    }
    throw error;
  }
}

export const supportProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role !== 'support')
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Support staff only.',
      cause: { reason: ErrorReason.supportOnly },
    });
  return next();
});
