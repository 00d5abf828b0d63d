import { z } from 'zod';

export const Role = z.enum(['customer', 'support']);
export type Role = z.infer<typeof Role>;

/** Who is looking at the portal, as the SPA may know it (never carries secrets). */
export const ViewerView = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: Role,
  readOnly: z.boolean(),
});
export type ViewerView = z.infer<typeof ViewerView>;

export const DemoLoginInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type DemoLoginInput = z.infer<typeof DemoLoginInput>;

export const StripeBrowserConfig = z.object({
  publishableKey: z.string(),
  /** Set in emulator mode: load this stand-in before @stripe/stripe-js, which then reuses it. */
  scriptUrl: z.string().nullable(),
});
export type StripeBrowserConfig = z.infer<typeof StripeBrowserConfig>;
