// @ts-check
// Plain JavaScript for the same reason as precompress.js (Vite's native config loader).

/**
 * Adds `<link rel="preload">` for the built file of each named font (matched by its source file
 * name), so the browser fetches the typeface with the HTML instead of after the CSS has been
 * parsed and text laid out. Only the Latin subset is preloaded: the others are fetched by
 * `unicode-range` if a page needs them.
 *
 * @param {string[]} sources source file names, e.g. `inter-latin-wght-normal.woff2`
 * @returns {import('vite').Plugin}
 */
export function preloadFonts(sources) {
  let base = '/';
  return {
    name: 'portal-preload-fonts',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const assets = Object.values(ctx.bundle ?? {}).filter((file) => file.type === 'asset');
        const found = sources.map((source) => assets.find((asset) => asset.originalFileNames.some((name) => name.endsWith(source))));
        const missing = sources.filter((_, i) => !found[i]);
        if (missing.length) throw new Error(`preload-font: no built file for ${missing.join(', ')}`);
        return found.map((asset) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `${base}${asset?.fileName}` },
          injectTo: 'head',
        }));
      },
    },
  };
}
