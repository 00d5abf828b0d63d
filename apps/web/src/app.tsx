import { useTRPC } from '@portal/client';
import { useQuery } from '@tanstack/react-query';
import { Shell } from './components/shell';
import { LoginScreen } from './screens/login-screen';
import { OverviewScreen } from './screens/overview-screen';

export function App() {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());

  if (me.isPending) return <Shell><p className="muted" role="status">Loading…</p></Shell>;
  if (me.isError) return <Shell><p role="alert">We could not reach the billing service. Please reload the page.</p></Shell>;
  if (!me.data) return <Shell><LoginScreen /></Shell>;
  return (
    <Shell viewer={me.data}>
      <OverviewScreen />
    </Shell>
  );
}
