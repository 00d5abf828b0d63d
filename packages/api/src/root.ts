import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { billingRouter } from './router/billing';
import { sessionRouter } from './router/session';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  session: sessionRouter,
  billing: billingRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
