import { OverviewOutput } from '@portal/contract';
import { customerProcedure } from '../../trpc';
import { loadOverview } from './overview';

/** `billing.overview`: the customer's subscriptions, invoices and cards in one read. */
export const overviewProcedure = customerProcedure
  .output(OverviewOutput)
  .query(({ ctx }) => loadOverview(ctx, ctx.customerId));
