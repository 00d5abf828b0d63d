import { OverviewOutput } from '@portal/contract';
import { toTRPCError } from '../errors';
import { loadOverview } from '../services/overview';
import { customerProcedure, router } from '../trpc';

export const billingRouter = router({
  overview: customerProcedure.output(OverviewOutput).query(async ({ ctx }) => {
    try {
      return await loadOverview(ctx, ctx.customerId);
    } catch (error) {
      throw toTRPCError(error);
    }
  }),
});
