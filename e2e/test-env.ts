/** Where the browser tests find Chromium and put their screenshots. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = process.env.ARTIFACTS_DIR ?? new URL('../artifacts/e2e/', import.meta.url).pathname;
export const childEnv = { ...process.env };
