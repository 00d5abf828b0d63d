import { router } from '../../trpc';
import { acceptRetentionOfferProcedure, cancelProcedure, reactivateProcedure, retentionOfferProcedure } from './cancel';
import { cancelScheduledChangeProcedure, changeProcedure, previewChangeProcedure } from './change';
import { pauseProcedure, resumeProcedure } from './pause';

/** `billing.subscription.*`: every procedure checks the subscription is the viewer's before use. */
export const subscriptionRouter = router({
  previewChange: previewChangeProcedure,
  change: changeProcedure,
  cancelScheduledChange: cancelScheduledChangeProcedure,
  cancel: cancelProcedure,
  retentionOffer: retentionOfferProcedure,
  acceptRetentionOffer: acceptRetentionOfferProcedure,
  reactivate: reactivateProcedure,
  pause: pauseProcedure,
  resume: resumeProcedure,
});
