import { BillingProvider, createBillingClient, createBillingQueryClient } from '@portal/client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { seedFromBootRequest } from './session/boot-request';
import { SessionBoundary } from './session/session-control';
import '@fontsource-variable/inter/wght.css';
import '@portal/client/styles.css';
import './styles.css';

const client = createBillingClient({ url: '/trpc' });
const queryClient = createBillingQueryClient();

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BillingProvider client={client} queryClient={queryClient}>
        <SessionBoundary>
          <App />
        </SessionBoundary>
      </BillingProvider>
    </StrictMode>,
  );

// index.html asked for the first screen's data while this script downloaded; by now it has
// usually arrived, and the first render shows the portal instead of a loading line. (Not a
// top-level await: the bundler would then split the entry's modules out of it for the lazy chunks.)
void seedFromBootRequest(window.__portalBoot, client, queryClient).then(render, render);
