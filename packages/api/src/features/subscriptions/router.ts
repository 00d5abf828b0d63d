import { router } from '../../trpc';
import {
  acceptRetentionOfferProcedure,
  cancelProcedure,
  reactivateProcedure,
  retentionOfferProcedure,
} from './cancel-router';
import { cancelScheduledChangeProcedure, changeProcedure, previewChangeProcedure } from './change-router';
import { pauseProcedure, resumeProcedure } from './pause-router';

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
