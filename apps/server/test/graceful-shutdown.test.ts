import { describe, expect, it } from 'vitest';
import { demoSignIn, testApp } from './harness';

// Issue 19: an instance shut down behind a load balancer (a deploy, a scale-in) must finish
// closing while customers have the portal open: their live-update streams end, so their browsers
// reconnect to an instance still up, instead of holding the shutdown open until SIGKILL.
describe('graceful shutdown', () => {
  it('ends open billing.changes streams and closes, with customers still connected', async () => {
    const { app } = await testApp();
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const cookie = await demoSignIn(app, 'ada@example.com');
    const streams = await Promise.all(
      [1, 2].map(async () => {
        const res = await fetch(`${base}/trpc/billing.changes`, { headers: { cookie, accept: 'text/event-stream' } });
        const reader = res.body!.getReader();
        let text = '';
        while (!text.includes('connected')) text += new TextDecoder().decode((await reader.read()).value);
        // Resolves when the server ends the response (wrapped: an async function returning a
        // promise would wait for it).
        const ended = (async () => {
          while (!(await reader.read()).done);
          return 'ended';
        })();
        return { ended };
      }),
    );
    const closing = app.close().then(() => 'closed');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still open after 10 s'), 10_000));
    expect(await Promise.race([closing, timeout])).toBe('closed');
    expect(await Promise.all(streams.map((s) => s.ended))).toEqual(['ended', 'ended']);
  }, 60_000);
});
