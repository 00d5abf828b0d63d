import fastifyStatic from '@fastify/static';
import { FailureCode } from '@portal/contract';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { API_PATH } from '../security/response-headers';
import { HttpFailure } from '../errors/http-failure';

const isSourceMap = (url: string) => /\.map(\?|$)/i.test(url);

/**
 * Serves the built SPA. Client-side routes (/billing/…) answer with index.html so deep links work
 * on reload; any other unknown path answers the JSON failure envelope.
 */
export default fp<{ distDir: string }>(
  async (app, { distDir }) => {
    const index = path.join(distDir, 'index.html');
    if (!existsSync(index)) {
      app.log.warn({ distDir }, 'SPA not built: run `pnpm --filter @portal/web build` (pnpm start does)');
      return;
    }
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      // Source maps hold the full sources: never public, even if a build left some in the folder.
      allowedPath: (pathName) => !isSourceMap(pathName),
      // The build writes .br and .gz beside each text asset (apps/web/precompress.js): brotli or gzip
      // as the browser accepts, with no compression work per request.
      preCompressed: true,
      // Vite names every file under assets/ by its content hash: a returning visitor's browser may
      // keep them forever instead of re-checking each script. index.html is always re-checked.
      setHeaders(reply, filePath) {
        const immutable = filePath.startsWith(path.join(distDir, 'assets') + path.sep);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        // The answer depends on Accept-Encoding (preCompressed): caches must keep one per encoding.
        reply.header('vary', 'accept-encoding');
      },
    });
    // Any other GET: a page load (the browser asks for HTML) gets the app, whose router shows the
    // page or its own not-found screen; anything else fails as every route does (plugins/app/errors.ts).
    app.get('/*', async (request, reply) => {
      if (!API_PATH.test(request.url) && !isSourceMap(request.url) && request.headers.accept?.includes('text/html')) {
        return reply.type('text/html').sendFile('index.html');
      }
      throw new HttpFailure(FailureCode.notFound, 'Nothing is here.');
    });
    app.get('/', (_request, reply) => reply.type('text/html').sendFile('index.html'));
  },
  { name: 'spa' },
);
