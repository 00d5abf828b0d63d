import { BillingPortal, BillingProvider, createBillingClient, ManageBillingButton } from '@portal/client';
import '@portal/client/styles.css';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { hostSession } from './session';
import './host.css';

const { portalUrl } = await hostSession();
const client = createBillingClient({ url: `${portalUrl}/trpc`, getToken: async () => (await hostSession()).token });

const subscribe = (cb: () => void) => {
  window.addEventListener('popstate', cb);
  window.addEventListener('billing-portal:navigate', cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener('billing-portal:navigate', cb);
  };
};

function go(path: string) {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event('popstate'));
}

function HostApp() {
  const path = useSyncExternalStore(subscribe, () => window.location.pathname);
  const inBilling = path.startsWith('/settings/billing');
  return (
    <div className="host">
      <aside className="host-sidebar">
        <strong className="host-logo">Acme Notes</strong>
        <a href="/" onClick={(e) => (e.preventDefault(), go('/'))} aria-current={!inBilling ? 'page' : undefined}>
          Notes
        </a>
        <a
          href="/settings/billing"
          onClick={(e) => (e.preventDefault(), go('/settings/billing'))}
          aria-current={inBilling ? 'page' : undefined}
        >
          Billing
        </a>
      </aside>
      <main className="host-main">
        <header className="host-header">
          <h1>{inBilling ? 'Settings' : 'Your notes'}</h1>
          <ManageBillingButton mode="in-app" href="/settings/billing" onNavigate={go} />
        </header>
        {inBilling ? (
          <BillingPortal
            basePath="/settings/billing"
            branding={{ primaryColor: '#0f766e', borderRadius: 6, fontFamily: 'Georgia, serif' }}
          />
        ) : (
          <p className="host-note">Welcome back, Grace. Your billing lives under Settings.</p>
        )}
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BillingProvider client={client}>
      <HostApp />
    </BillingProvider>
  </StrictMode>,
);
