import { testApp, TOKEN_SECRET } from '@portal/server/testing';

/**
 * Runs the real server for the component tests in its own Node process. The tests themselves run
 * in happy-dom, where Vite transforms modules for the browser; the server must not be loaded there.
 * The browser side is a page on `origin`, so the server allows it through CORS like a host app.
 */
const origin = process.argv[2] ?? 'http://localhost:3000';
const { app } = await testApp({ CORS_ORIGINS: origin });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url: `${address}/trpc`, tokenSecret: TOKEN_SECRET });
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
