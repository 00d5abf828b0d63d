import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { registerAuditedInputs } from './audit-input';
import { billingRouter } from './router/billing';
import { selfServiceRouter } from './router/self-service';
import { sessionRouter } from './router/session';
import { supportRouter } from './router/support';
import { createCallerFactory, mergeRouters, router } from './trpc';

export const appRouter = router({
  session: sessionRouter,
  billing: mergeRouters(billingRouter, selfServiceRouter),
  support: supportRouter,
});

// The audit trail records inputs as these procedures' own schemas parse them.
registerAuditedInputs(appRouter);

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
