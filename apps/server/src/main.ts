import { buildApp } from './app';
import { DEMO_PASSWORD } from './demo-seed';
import { resetEmbeddedData } from './emulator-state';
import { ConfigError, parseEnv } from './env';

/** Where the data lives, for the start banner: never the URL's credentials. */
function databaseLabel(env: { DATABASE_URL?: string | undefined; DATA_DIR: string }): string {
  if (!env.DATABASE_URL) return `PGlite in ${env.DATA_DIR}`;
  const url = new URL(env.DATABASE_URL);
  return `Postgres at ${url.host}${url.pathname}`;
}

/** How to try the host-app path (client package, REST route) without writing a backend first. */
function hostTokenHelp(url: string, ownSecret: boolean): string[] {
  return [
    `  Host-app tokens (${ownSecret ? 'signed with your AUTH_TOKEN_SECRET' : 'embedded demo secret'}): pnpm run token ada@example.com`,
    `    curl -X POST ${url}/api/billing/portal -H "Authorization: Bearer $(pnpm -s run token ada@example.com)" \\`,
    `      -H 'content-type: application/json' -d '{"returnUrl":"${url}/billing"}'`,
  ];
}

/**
 * Fastify's own "Server listening at" line, in embedded mode, would repeat the banner's first line
 * (and, written through pino-pretty's worker in a terminal, land after it). Fastify has no switch
 * for it, so the logger is at warn for the call only when it is at the default (info): LOG_LEVEL=debug keeps it.
 */
async function listen(
  app: Awaited<ReturnType<typeof buildApp>>,
  options: { port: number; host: string },
  quiet: boolean,
): Promise<string> {
  if (!quiet || app.log.level !== 'info') return app.listen(options);
  app.log.level = 'warn';
  try {
    return await app.listen(options);
  } finally {
    app.log.level = 'info';
  }
}

async function main() {
  const env = parseEnv();
  // `npm start -- --reset`: start over from the demo seed (the emulator's state and PGlite's data).
  const reset = process.argv.includes('--reset') && env.mode === 'embedded';
  if (reset) resetEmbeddedData(env.DATA_DIR, { pglite: !env.DATABASE_URL });
  const app = await buildApp({ env, prettyLogs: process.stdout.isTTY === true });
  const address = await listen(app, { port: env.PORT, host: env.HOST }, app.portal.mode === 'embedded');
  const url = env.PUBLIC_URL ?? address.replace('://0.0.0.0', '://localhost');

  const lines = [`\n  Billing portal: ${url}`];
  if (app.portal.mode === 'embedded') {
    lines.push(
      `  Stripe: embedded emulator at ${app.portal.stripe.emulator?.url ?? '(external)'}; database: ${databaseLabel(env)}`,
    );
    lines.push(
      `  Demo data ${reset ? 'reset to the seed' : `kept in ${env.DATA_DIR} across restarts`} (\`npm start -- --reset\` starts over)`,
    );
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const login of app.portal.demoLogins) lines.push(`    ${login.email.padEnd(24)} ${login.description}`);
    lines.push(...hostTokenHelp(url, Boolean(env.AUTH_TOKEN_SECRET)));
  }
  console.log(`${lines.join('\n')}\n`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
