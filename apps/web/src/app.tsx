import { BillingPortal, useTRPC } from '@portal/client';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Shell } from './components/shell';
import { LoginScreen } from './screens/login-screen';
import { ReadOnlyBanner } from './support/read-only-banner';

// Support screens are for staff only: split off from the customers' first load.
const SupportConsole = lazy(() => import('./support/support-console'));

export function App() {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  const viewer = me.data ?? null;
  const home = viewer?.role === 'support' && !viewer.readOnly ? '/support' : '/billing';

  // Each kind of viewer has a home; a visit elsewhere (the bare origin, a stale link) lands there.
  useEffect(() => {
    if (viewer && !window.location.pathname.startsWith(home)) {
      window.history.replaceState(null, '', home);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }
  }, [viewer, home]);

  if (me.isPending) return <Shell><p className="muted" role="status">Loading…</p></Shell>;
  if (me.isError) return <Shell><p role="alert">We could not reach the billing service. Please reload the page.</p></Shell>;
  if (!viewer) return <Shell><LoginScreen /></Shell>;
  if (home === '/support') {
    return (
      <Shell viewer={viewer}>
        <Suspense fallback={<p role="status">Loading…</p>}>
          <SupportConsole />
        </Suspense>
      </Shell>
    );
  }
  return (
    <Shell viewer={viewer}>
      <BillingPortal
        basePath="/billing"
        banner={viewer.readOnly ? <ReadOnlyBanner /> : undefined}
        hostedReturnUrl={`${window.location.origin}/billing`}
        theme="system"
      />
    </Shell>
  );
}
