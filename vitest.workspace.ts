// The list of test projects. The root vitest.config.ts reads it into `test.projects`,
// since current Vitest no longer picks up a workspace file by itself.
// Projects do not inherit the root's timeouts. Test files that build an app or a PGlite database
// run in parallel on small CI machines, where a cold start can take well over Vitest's defaults.
const unit = (name: string, root: string, extra: Record<string, unknown> = {}) => ({
  test: {
    name,
    root,
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    ...extra,
  },
});

export default [
  unit('contract', 'packages/contract'),
  unit('stripe-emulator', 'packages/stripe-emulator'),
  unit('db', 'packages/db'),
  unit('api', 'packages/api'),
  unit('client', 'packages/client'),
  unit('server', 'apps/server'),
  unit('web', 'apps/web'),
  unit('example-host', 'apps/example-host', { testTimeout: 120_000 }),
  // Browser journeys: a real server in embedded mode driven through Debian's Chromium.
  {
    test: {
      name: 'e2e',
      root: 'e2e',
      include: ['**/*.e2e.ts'],
      globalSetup: ['./global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  },
];
