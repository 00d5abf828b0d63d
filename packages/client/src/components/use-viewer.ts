import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../provider';

/** Who is looking; `readOnly` (support "view as") disables every action control. */
export function useViewer() {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  return { viewer: me.data ?? null, readOnly: me.data?.readOnly ?? false };
}
