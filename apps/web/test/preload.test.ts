import type { IndexHtmlTransformContext, Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { preloadInHtml } from '../preload.js';

/** A built bundle with one font asset and one catalog chunk, as Rolldown hands it to the plugin. */
const bundle = {
  'assets/inter-latin-Ab12.woff2': {
    type: 'asset',
    fileName: 'assets/inter-latin-Ab12.woff2',
    originalFileNames: ['node_modules/x/files/inter-latin-wght-normal.woff2'],
  },
  'assets/en-Cd34.js': { type: 'chunk', fileName: 'assets/en-Cd34.js', facadeModuleId: '/src/i18n/messages/en.json' },
} as unknown as IndexHtmlTransformContext['bundle'];

function transform(plugin: Plugin, base = '/') {
  (plugin.configResolved as (config: { base: string }) => void)({ base });
  const hook = plugin.transformIndexHtml as {
    handler: (html: string, ctx: Partial<IndexHtmlTransformContext>) => unknown;
  };
  return hook.handler('', { bundle });
}

describe('preloadInHtml', () => {
  it('announces the named fonts, then the named modules, under the base path', () => {
    const plugin = preloadInHtml({ fonts: ['inter-latin-wght-normal.woff2'], modules: ['/i18n/messages/en.json'] });
    expect(transform(plugin, '/portal/')).toEqual([
      {
        tag: 'link',
        attrs: {
          rel: 'preload',
          as: 'font',
          type: 'font/woff2',
          crossorigin: '',
          href: '/portal/assets/inter-latin-Ab12.woff2',
        },
        injectTo: 'head',
      },
      {
        tag: 'link',
        attrs: { rel: 'modulepreload', crossorigin: true, href: '/portal/assets/en-Cd34.js' },
        injectTo: 'head',
      },
    ]);
  });

  it('fails the build, naming the file, when a name matches nothing built', () => {
    expect(() => transform(preloadInHtml({ modules: ['/i18n/messages/xx.json'] }))).toThrow(
      'portal-preload: no built file for /i18n/messages/xx.json',
    );
    expect(() => transform(preloadInHtml({ fonts: ['missing.woff2'] }))).toThrow(
      'portal-preload: no built file for missing.woff2',
    );
  });
});
