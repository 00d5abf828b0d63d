import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { registerAuditedInputs } from './audit-input';
import { customerRouter } from './features/customer/router';
import { taxIdsRouter } from './features/customer/tax-ids-router';
import { invoicesRouter } from './features/invoices/router';
import { changesProcedure } from './features/live-updates/router';
import { overviewProcedure } from './features/overview/router';
import { paymentMethodsRouter } from './features/payment-methods/router';
import { portalRouter } from './features/portal/router';
import { sessionRouter } from './features/session/router';
import { subscriptionRouter } from './features/subscriptions/router';
import { supportRouter } from './features/support/router';
import { createCallerFactory, router } from './trpc';

/** The customer's own billing: each key is one feature folder's router. */
const billingRouter = router({
  overview: overviewProcedure,
  subscription: subscriptionRouter,
  portal: portalRouter,
  paymentMethods: paymentMethodsRouter,
  invoices: invoicesRouter,
  customer: customerRouter,
  taxIds: taxIdsRouter,
  changes: changesProcedure,
});

export const appRouter = router({
  session: sessionRouter,
  billing: billingRouter,
  support: supportRouter,
});

// The audit trail records inputs as these procedures' own schemas parse them.
registerAuditedInputs(appRouter);

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
