import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { SignJWT } from 'jose';
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReactNode } from 'react';
import { createBillingClient } from '../src/client';
import { FlashProvider } from '../src/components/flash';
import type { SupportedLocale } from '../src/i18n/locales';
import { PortalIntl } from '../src/i18n/portal-intl';
import { BillingProvider } from '../src/provider';
import { PortalRouter } from '../src/routing/router';

/**
 * A real server in embedded mode on an ephemeral port, in a child process (see serve-app.ts): its
 * tRPC URL, a signer of host-app tokens for it, and `close`, which ends that process.
 */
export async function startServer() {
  // Not `new URL(…, import.meta.url)`: Vite rewrites that pattern for the browser in happy-dom.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'serve-app.ts');
  const child = fork(script, [window.location.origin], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url, tokenSecret } = await new Promise<{ url: string; tokenSecret: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; tokenSecret: string }));
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
  });
  const key = new TextEncoder().encode(tokenSecret);
  return {
    url,
    /** A host-app token, as the host app would sign it (`sub`, `email`, `customer_id`, `role`). */
    tokenFor: (claims: Record<string, string>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub!)
        .setExpirationTime('5m')
        .sign(key),
    /** Attaches a test card (`pm_card_visa`…) to a customer, as a confirmed SetupIntent would. */
    attachCard: (card: string, customer: string) =>
      new Promise<string>((resolve) => {
        const onMessage = (m: unknown) => {
          const attached = (m as { attached?: string }).attached;
          if (!attached) return;
          child.off('message', onMessage);
          resolve(attached);
        };
        child.on('message', onMessage);
        child.send({ attach: { card, customer } });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

/** A typed client for `token`: the tests use it to arrange state and to re-read what the UI saved. */
export const clientFor = (url: string, token: string, fetch?: typeof globalThis.fetch) =>
  createBillingClient({ url, getToken: () => token, ...(fetch ? { fetch } : {}) });

/** Renders `ui` inside the portal's providers, with a fresh QueryClient that never retries. */
export function renderPortal(
  ui: ReactNode,
  {
    url,
    token,
    fetch,
    locale = 'en',
  }: { url: string; token: string; fetch?: typeof globalThis.fetch; locale?: SupportedLocale },
) {
  const client = clientFor(url, token, fetch);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const view = render(
    <BillingProvider client={client} queryClient={queryClient}>
      <PortalRouter basePath="/billing">
        <PortalIntl locale={locale}>
          <FlashProvider>{ui}</FlashProvider>
        </PortalIntl>
      </PortalRouter>
    </BillingProvider>,
  );
  return { ...view, client, queryClient };
}
