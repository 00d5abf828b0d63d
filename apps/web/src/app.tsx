import { BillingPortal, useTRPC } from '@portal/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Shell } from './components/shell';
import { LoginScreen } from './screens/login-screen';

export function App() {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  const signedIn = Boolean(me.data);

  // The portal lives under /billing; a signed-in visit to the bare origin lands there.
  useEffect(() => {
    if (signedIn && !window.location.pathname.startsWith('/billing')) window.history.replaceState(null, '', '/billing');
  }, [signedIn]);

  if (me.isPending) return <Shell><p className="muted" role="status">Loading…</p></Shell>;
  if (me.isError) return <Shell><p role="alert">We could not reach the billing service. Please reload the page.</p></Shell>;
  if (!me.data) return <Shell><LoginScreen /></Shell>;
  return (
    <Shell viewer={me.data}>
      <BillingPortal basePath="/billing" />
    </Shell>
  );
}
