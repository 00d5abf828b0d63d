import { testApp, TOKEN_SECRET } from '@portal/server/testing';

/**
 * Runs the real server for the component tests in its own Node process. The tests themselves run
 * in happy-dom, where Vite transforms modules for the browser; the server must not be loaded there.
 * The browser side is a page on `origin`, so the server allows it through CORS like a host app.
 */
const origin = process.argv[2] ?? 'http://localhost:3000';
const { app, stripe } = await testApp({ CORS_ORIGINS: origin });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url: `${address}/trpc`, tokenSecret: TOKEN_SECRET });
// Arranging state the browser would make through Stripe.js: attach a test card to a customer.
process.on('message', (m: { attach?: { card: string; customer: string } }) => {
  if (m.attach)
    void stripe.paymentMethods
      .attach(m.attach.card, { customer: m.attach.customer })
      .then((pm) => process.send?.({ attached: pm.id }));
});
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
