// @ts-check
// Plain JavaScript for the same reason as precompress.js (Vite's native config loader).

/**
 * Adds `<link rel="modulepreload">` for the English catalog to index.html. Every locale needs it
 * (it is the fallback of each translation), and the entry asks for it only once it runs: announced
 * in the HTML, its download overlaps the entry's instead of following it, and the first screen
 * does not wait one more round trip for its words.
 *
 * @returns {import('vite').Plugin}
 */
export function preloadEnglish() {
  let base = '/';
  return {
    name: 'portal-preload-english',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find((out) => out.type === 'chunk' && out.facadeModuleId?.endsWith('/i18n/messages/en.json'));
        if (!chunk) throw new Error('portal-preload-english: no chunk for the English catalog (i18n/messages/en.json)');
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}
