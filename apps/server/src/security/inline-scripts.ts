import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * The CSP sources (`'sha256-…'`) of the inline scripts in the built index.html: the page may run
 * exactly those (the SPA's boot request, see apps/web/index.html) and no other inline script, so
 * the policy needs no 'unsafe-inline' and no per-response nonce (the HTML stays a static file).
 * A hash covers the script's text byte for byte, as the browser hashes it.
 */
export function inlineScriptSources(indexHtmlPath: string): string[] {
  if (!existsSync(indexHtmlPath)) return [];
  const html = readFileSync(indexHtmlPath, 'utf8');
  return [...html.matchAll(INLINE_SCRIPT)].map(
    ([, body]) =>
      `'sha256-${createHash('sha256')
        .update(body ?? '', 'utf8')
        .digest('base64')}'`,
  );
}
