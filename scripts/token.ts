// `pnpm run token <email> [--customer cus_…] [--expires 1h]`: prints a host-app token for the portal,
// signed as a host app's backend would sign it. Demo logins (ada@example.com, …) get their own
// user id and Stripe customer. The secret is AUTH_TOKEN_SECRET when set, else embedded mode's demo
// secret, which `npm start` accepts without configuration.
import { mintHostToken } from '../apps/server/src/demo-token';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const customerId = option('customer');
const expiresIn = option('expires') ?? '1h';
const email = args[0];
if (!email || !email.includes('@')) {
  console.error(
    'usage: pnpm run token <email> [--customer cus_…] [--expires 1h]\n  e.g. pnpm run token ada@example.com',
  );
  process.exit(64);
}
process.stdout.write(
  `${await mintHostToken({ email, customerId, expiresIn, secret: process.env.AUTH_TOKEN_SECRET || undefined })}\n`,
);
