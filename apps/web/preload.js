// @ts-check
// Plain JavaScript for the same reason as precompress.js (Vite's native config loader).

/**
 * Announces built files in index.html's head so that the browser fetches them with the HTML, not
 * once something else has run:
 * - `fonts` (`<link rel="preload" as="font">`), matched by their source file name: the typeface is
 *   otherwise requested only after the CSS has been parsed and text laid out. Name only the subsets
 *   every page needs; the others are fetched by `unicode-range` when a page uses them.
 * - `modules` (`<link rel="modulepreload">`), the chunks of dynamically imported source files, matched
 *   by the end of their path: the English catalog, which every locale needs (it is the fallback of
 *   each translation) but the entry asks for only once it runs.
 * A name with no built file fails the build: a silent miss would only show as a slower first visit.
 *
 * @param {{ fonts?: string[], modules?: string[] }} files
 * @returns {import('vite').Plugin}
 */
export function preloadInHtml({ fonts = [], modules = [] }) {
  let base = '/';
  return {
    name: 'portal-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const outputs = Object.values(bundle ?? {});
        /** @type {(name: string, found: string | undefined) => string} */
        const built = (name, found) => {
          if (!found) throw new Error(`portal-preload: no built file for ${name}`);
          return `${base}${found}`;
        };
        const fontLinks = fonts.map((font) => {
          const asset = outputs.find(
            (out) => out.type === 'asset' && out.originalFileNames.some((original) => original.endsWith(font)),
          );
          return {
            rel: 'preload',
            as: 'font',
            type: 'font/woff2',
            crossorigin: '',
            href: built(font, asset?.fileName),
          };
        });
        const moduleLinks = modules.map((source) => {
          const chunk = outputs.find((out) => out.type === 'chunk' && out.facadeModuleId?.endsWith(source));
          return { rel: 'modulepreload', crossorigin: true, href: built(source, chunk?.fileName) };
        });
        return [...fontLinks, ...moduleLinks].map((attrs) => ({
          tag: 'link',
          attrs,
          injectTo: /** @type {const} */ ('head'),
        }));
      },
    },
  };
}
