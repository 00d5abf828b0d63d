import { appRouter, resolveViewer, type Context, type Deps } from '@portal/api';
import { fastifyRequestHandler, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { AppRouter } from '@portal/api';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { queryFastPath } from './trpc-query-fast-path';

export interface TrpcPluginOptions {
  deps: Deps;
  /** Plain GET queries skip tRPC's HTTP adapter (see trpc-query-fast-path.ts); off only to compare. */
  queryFastPath?: boolean;
}

/** Mounts the tRPC router at /trpc; the viewer is resolved from the verified session per request. */
export default fp<TrpcPluginOptions>(
  async (app, { deps, queryFastPath: fastPathEnabled = true }) => {
    async function createContext(req: FastifyRequest, connectionParams: Record<string, string | undefined> | null | undefined): Promise<Context> {
      // EventSource (the live-updates subscription) cannot send headers: a host app's token
      // then travels in the connection params instead.
      const fromParams = connectionParams?.authorization;
      const identity = (await app.auth.identify(req)) ?? (typeof fromParams === 'string' ? await app.auth.identifyToken(fromParams) : null);
      const viewer = await resolveViewer(deps, identity);
      // Open streams end when the cookie's session is revoked (sign-out, everywhere, any instance).
      const sessionId = identity ? await app.auth.sessionOf(req) : null;
      const sessionEnded = sessionId && identity ? () => app.auth.sessions.watch(sessionId, identity.userId) : undefined;
      // Not `{ ...deps, viewer }`: V8 gives that spread a fresh hidden class per request, and every
      // read of the context down the procedure chain then misses its inline cache.
      return Object.assign({ viewer, sessionEnded }, deps);
    }
    const onError = ({ error, path }: { error: { code: string; cause?: unknown }; path?: string | undefined }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
    };
    const trpcOptions = {
      router: appRouter,
      createContext: ({ req, info }) => createContext(req, info.connectionParams),
      onError,
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];
    const fastPath = fastPathEnabled ? queryFastPath({ router: appRouter, createContext: (req) => createContext(req, null), onError }) : null;

    // What @trpc/server's fastifyTRPCPlugin registers, with the fast path in front of its handler.
    await app.register(
      async (scope) => {
        // tRPC reads JSON and form bodies itself.
        scope.removeContentTypeParser('application/json');
        scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
        scope.removeContentTypeParser('multipart/form-data');
        scope.addContentTypeParser('multipart/form-data', {}, (_request, body, done) => done(null, body));
        scope.all<{ Params: { path: string } }>('/:path', async (req, res) => {
          const { path } = req.params;
          if (fastPath && (await fastPath(req, res, path))) return res;
          await fastifyRequestHandler({ ...trpcOptions, req, res, path });
          return res;
        });
      },
      { prefix: '/trpc' },
    );
  },
  { name: 'trpc', dependencies: ['auth'] },
);
