/** The example host's own backend configuration (a stand-in for any host app's backend). */
export const hostEnv = {
  port: Number(process.env.HOST_PORT ?? 4000),
  portalUrl: process.env.PORTAL_URL ?? 'http://127.0.0.1:3000',
  /** Shared with the portal server as its AUTH_TOKEN_SECRET. */
  tokenSecret: process.env.HOST_TOKEN_SECRET ?? 'example-host-shared-secret-change-me-0123456789',
  customerId: process.env.HOST_CUSTOMER_ID ?? 'cus_demo_active',
};
