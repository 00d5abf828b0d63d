import { appRouter, resolveViewer, type AppRouter, type Context, type Deps } from '@portal/api';
import {
  fastifyTRPCPlugin,
  type CreateFastifyContextOptions,
  type FastifyTRPCPluginOptions,
} from '@trpc/server/adapters/fastify';
import fp from 'fastify-plugin';

export interface TrpcPluginOptions {
  deps: Deps;
}

/** Mounts the tRPC router at /trpc with tRPC's own Fastify adapter; the viewer comes from the verified session per request. */
export default fp<TrpcPluginOptions>(
  async (app, { deps }) => {
    async function createContext({ req, info }: CreateFastifyContextOptions): Promise<Context> {
      // EventSource (the live-updates subscription) cannot send headers: a host app's token
      // then travels in the connection params instead.
      const fromParams = info.connectionParams?.authorization;
      const identity =
        (await app.auth.identify(req)) ??
        (typeof fromParams === 'string' ? await app.auth.identifyToken(fromParams) : null);
      const viewer = await resolveViewer(deps, identity);
      // Open streams end when the cookie's session is revoked (sign-out, everywhere, any instance).
      const sessionId = identity ? await app.auth.sessionOf(req) : null;
      const sessionEnded =
        sessionId && identity ? () => app.auth.sessions.watch(sessionId, identity.userId) : undefined;
      return { ...deps, viewer, sessionEnded };
    }

    await app.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        createContext,
        onError({ error, path }) {
          if (error.code === 'INTERNAL_SERVER_ERROR')
            app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
  },
  { name: 'trpc', dependencies: ['auth'] },
);
