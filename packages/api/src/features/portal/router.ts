import { HostedSessionInput, HostedSessionOutput, PortalConfigView } from '@portal/contract';
import { selectConfiguration } from '../../config';
import { createHostedSession } from './hosted-session';
import { portalConfigView } from './portal-config-view';
import { billingStateOf } from '../../mirror/billing-state';
import { customerProcedure, mutationProcedure, router } from '../../trpc';

/** `billing.portal.*`: what this customer's configuration shows, and the hosted-portal fallback. */
export const portalRouter = router({
  config: customerProcedure.output(PortalConfigView).query(async ({ ctx }) => {
    const customer = await (await billingStateOf(ctx, ctx.customerId)).customer();
    return portalConfigView(ctx, selectConfiguration(ctx.portalConfig, customer));
  }),
  hostedSession: mutationProcedure
    .input(HostedSessionInput)
    .output(HostedSessionOutput)
    .mutation(({ ctx, input }) => createHostedSession(ctx, ctx.customerId, input, ctx.stripeKey)),
});
