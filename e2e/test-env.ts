/** Where the browser tests find Chromium and put their screenshots. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = process.env.ARTIFACTS_DIR ?? new URL('../artifacts/e2e/', import.meta.url).pathname;
export const childEnv = { ...process.env };
/** `LAYOUT_SCREENSHOTS=1`: the layout journey writes every screen at 390 and 1440 px, to judge the look. */
export const layoutScreenshots = process.env.LAYOUT_SCREENSHOTS === '1';
/** `SERVER_START_TIMEOUT_MS`: how long a journey waits for the portal to print its URL (a loaded machine needs more than the default). */
export const serverStartTimeoutMs = Number(process.env.SERVER_START_TIMEOUT_MS ?? 60_000);
