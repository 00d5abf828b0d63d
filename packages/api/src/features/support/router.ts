import {
  AuditLogInput,
  AuditLogOutput,
  SearchCustomersInput,
  SearchCustomersOutput,
  StartViewAsInput,
  StopViewAsOutput,
  ViewAsSession,
} from '@portal/contract';
import { currentViewAs, readAuditLog, searchCustomers, startViewAs, stopViewAs } from './support';
import { router, supportProcedure } from '../../trpc';

/**
 * Support staff only. Starting and stopping a view-as are the only mutations a read-only viewer
 * may call: they change the agent's own session, never the customer's billing (the read-only
 * guard test lists them by name).
 */
export const supportRouter = router({
  searchCustomers: supportProcedure
    .input(SearchCustomersInput)
    .output(SearchCustomersOutput)
    .query(({ ctx, input }) => searchCustomers(ctx, input.query)),
  startViewAs: supportProcedure
    .input(StartViewAsInput)
    .output(ViewAsSession)
    .mutation(({ ctx, input }) => startViewAs(ctx, ctx.viewer, input)),
  currentViewAs: supportProcedure.output(ViewAsSession.nullable()).query(({ ctx }) => currentViewAs(ctx, ctx.viewer)),
  stopViewAs: supportProcedure.output(StopViewAsOutput).mutation(({ ctx }) => stopViewAs(ctx, ctx.viewer)),
  auditLog: supportProcedure
    .input(AuditLogInput)
    .output(AuditLogOutput)
    .query(({ ctx, input }) => readAuditLog(ctx, input)),
});
