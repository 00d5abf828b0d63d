import { BillingProvider, createBillingClient } from '@portal/client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { SessionBoundary } from './session/session-control';
import '@fontsource-variable/inter/wght.css';
import '@portal/client/styles.css';
import './styles.css';

const client = createBillingClient({ url: '/trpc' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BillingProvider client={client}>
      <SessionBoundary>
        <App />
      </SessionBoundary>
    </BillingProvider>
  </StrictMode>,
);
