import { build } from 'vite';

/** The journeys run against the built SPA, exactly as `npm start` serves it. */
export default async function setup() {
  await build({ root: new URL('../apps/web/', import.meta.url).pathname, logLevel: 'warn' });
}
