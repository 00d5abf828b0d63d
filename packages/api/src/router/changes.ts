import type { BillingChange } from '@portal/contract';
import { customerProcedure } from '../trpc';

/**
 * `billing.changes`: the viewer's customer's changes as they happen (tRPC subscription; the SPA
 * uses `httpSubscriptionLink`, i.e. Server-Sent Events). Scoped by the session's customer only.
 */
export const changesProcedure = customerProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<BillingChange> {
  yield* ctx.changes.stream(ctx.customerId, signal);
});
