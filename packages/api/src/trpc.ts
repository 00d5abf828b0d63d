import { NO_CUSTOMER_MESSAGE, ErrorReason } from '@portal/contract';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context';
import { errorFormatter } from './errors';

const t = initTRPC.context<Context>().create({ errorFormatter });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

/** A signed-in viewer of any role. */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in to see your billing.' });
  return next({ ctx: { viewer: ctx.viewer } });
});

/** A viewer whose billing customer is known; every customer-scoped read builds on this. */
export const customerProcedure = authedProcedure.use(({ ctx, next }) => {
  const customerId = ctx.viewer.customerId;
  if (!customerId) {
    throw new TRPCError({ code: 'NOT_FOUND', message: NO_CUSTOMER_MESSAGE, cause: { reason: ErrorReason.noCustomer } });
  }
  return next({ ctx: { customerId } });
});

/**
 * Every procedure that changes anything is built on this one. A read-only viewer (support "view
 * as") is refused here, on the server; a test walks the router to prove no mutation escapes it.
 */
export const mutationProcedure = customerProcedure.use(({ ctx, type, next }) => {
  if (ctx.viewer.readOnly) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This is a read-only view: nothing can be changed here.' });
  }
  if (type !== 'mutation') throw new Error('mutationProcedure is for mutations only');
  return next();
});

export const supportProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role !== 'support') throw new TRPCError({ code: 'FORBIDDEN', message: 'Support staff only.' });
  return next();
});
