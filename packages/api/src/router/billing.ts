import { loadOverview } from '../services/overview';
import { customerProcedure, router } from '../trpc';
import { portalRouter } from './portal';
import { subscriptionRouter } from './subscription';

export const billingRouter = router({
  overview: customerProcedure.query(({ ctx }) => loadOverview(ctx, ctx.customerId)),
  subscription: subscriptionRouter,
  portal: portalRouter,
});
