import { build } from 'vite';

/** The journeys run against the built SPA (exactly as `npm start` serves it) and the built example host. */
export default async function setup() {
  await build({ root: new URL('../apps/web/', import.meta.url).pathname, logLevel: 'warn' });
  await build({ root: new URL('../apps/example-host/', import.meta.url).pathname, logLevel: 'warn' });
}
