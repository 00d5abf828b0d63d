import { router } from '../trpc';
import { changesProcedure } from './changes';
import { customerRouter } from './customer';
import { invoicesRouter } from './invoices';
import { paymentMethodsRouter } from './payment-methods';
import { taxIdsRouter } from './tax-ids';

/** The customer's own billing details, cards and invoices; merged into `billing` in root.ts. */
export const selfServiceRouter = router({
  paymentMethods: paymentMethodsRouter,
  invoices: invoicesRouter,
  customer: customerRouter,
  taxIds: taxIdsRouter,
  changes: changesProcedure,
});
