/** Where the browser tests find Chromium and put their screenshots. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = process.env.ARTIFACTS_DIR ?? new URL('../artifacts/e2e/', import.meta.url).pathname;
export const childEnv = { ...process.env };
/** `LAYOUT_SCREENSHOTS=1`: the layout journey writes every screen at 390 and 1440 px, to judge the look. */
export const layoutScreenshots = process.env.LAYOUT_SCREENSHOTS === '1';
