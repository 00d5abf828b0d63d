import { ErrorReason, type BillingChange } from '@portal/contract';
import { TRPCError } from '@trpc/server';
import { streamLifetime } from './stream-lifetime';
import { customerProcedure } from '../../trpc';

const DEFAULT_MAX_STREAMS_PER_USER = 5;

/**
 * `billing.changes`: the viewer's customer's changes as they happen (tRPC subscription; the SPA
 * uses `httpSubscriptionLink`, i.e. Server-Sent Events). Scoped by the session's customer only,
 * and only for as long as the viewer may see it: the stream ends with an error the moment the
 * session is signed out or the view-as it was opened under stops or expires (stream-lifetime.ts).
 * A user may hold a few streams (tabs) per instance; beyond that a typed TOO_MANY_REQUESTS.
 */
export const changesProcedure = customerProcedure.subscription(async function* ({
  ctx,
  signal,
}): AsyncGenerator<BillingChange> {
  const release = ctx.changes.openStream(ctx.viewer.userId, ctx.maxStreamsPerUser ?? DEFAULT_MAX_STREAMS_PER_USER);
  if (!release) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many live-update connections are open for your account. Close another tab and try again.',
      cause: { reason: ErrorReason.tooManyStreams },
    });
  }
  const lifetime = streamLifetime(ctx, signal);
  try {
    yield* ctx.changes.stream(ctx.customerId, lifetime.signal);
    const ended = lifetime.ended();
    if (ended) throw ended;
  } finally {
    lifetime.release();
    release();
  }
});
