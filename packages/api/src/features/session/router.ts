import { ShellBranding, StripeBrowserConfig, ViewerView } from '@portal/contract';
import { publicProcedure, router } from '../../trpc';

export const sessionRouter = router({
  /** Null when nobody is signed in: the SPA shows its login instead of an error. */
  me: publicProcedure.output(ViewerView.nullable()).query(({ ctx }) => {
    const v = ctx.viewer;
    return v ? { userId: v.userId, email: v.email, name: v.name, role: v.role, readOnly: v.readOnly } : null;
  }),
  /** What the browser needs to load Stripe.js: public by nature (a publishable key is public). */
  stripe: publicProcedure
    .output(StripeBrowserConfig)
    .query(({ ctx }) => ({ publishableKey: ctx.publishableKey, scriptUrl: ctx.stripeJsUrl ?? null })),
  /**
   * The business's name, logo and colour for the app's frame (header, page title), also on the
   * sign-in page: public, as they are on any login screen. Segments only differ once signed in.
   */
  branding: publicProcedure.output(ShellBranding).query(({ ctx }) => {
    const { businessName, logoUrl, primaryColor } = ctx.portalConfig.default.branding;
    return { businessName, logoUrl, primaryColor };
  }),
});
