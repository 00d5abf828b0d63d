// @ts-check
// Plain JavaScript (types in vite-plugin.d.ts) so that any Vite config can load it as it is.
import { parse } from '@formatjs/icu-messageformat-parser';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const messagesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src', 'i18n', 'messages') + path.sep;

/**
 * Precompiles the portal's message catalogs (`src/i18n/messages/*.json`) from ICU strings to
 * FormatJS's AST at build time, so the browser never parses a message, and with `dropParser`
 * bundles FormatJS without its ICU parser (docs/decisions/008).
 *
 * @param {import('./vite-plugin').PortalMessagesOptions} [options]
 * @returns {import('vite').Plugin}
 */
export function portalMessages({ dropParser = false } = {}) {
  return {
    name: 'portal-messages',
    enforce: 'pre',
    config: () =>
      dropParser
        ? {
            resolve: {
              alias: [
                {
                  find: /^@formatjs\/icu-messageformat-parser$/,
                  replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
                },
              ],
            },
          }
        : undefined,
    transform(code, id) {
      const file = path.normalize(id.split('?')[0]);
      if (!file.startsWith(messagesDir) || !file.endsWith('.json')) return null;
      /** @type {Record<string, string>} */
      const catalog = JSON.parse(code);
      /** @type {Record<string, unknown>} */
      const compiled = {};
      for (const [key, message] of Object.entries(catalog)) {
        try {
          compiled[key] = parse(message);
        } catch (error) {
          throw new Error(
            `${path.basename(file)}: message "${key}" is not valid ICU: ${error instanceof Error ? error.message : error}`,
          );
        }
      }
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}
