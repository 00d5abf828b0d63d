import { StripeBrowserConfig, ViewerView } from '@portal/contract';
import { publicProcedure, router } from '../trpc';

export const sessionRouter = router({
  /** Null when nobody is signed in: the SPA shows its login instead of an error. */
  me: publicProcedure.output(ViewerView.nullable()).query(({ ctx }) => {
    const v = ctx.viewer;
    return v ? { userId: v.userId, email: v.email, name: v.name, role: v.role, readOnly: v.readOnly } : null;
  }),
  /** What the browser needs to load Stripe.js: public by nature (a publishable key is public). */
  stripe: publicProcedure.output(StripeBrowserConfig).query(({ ctx }) => ({ publishableKey: ctx.publishableKey, scriptUrl: ctx.stripeJsUrl ?? null })),
});
