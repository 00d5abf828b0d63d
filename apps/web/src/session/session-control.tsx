import { useTRPC } from '@portal/client';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

interface SessionControl {
  /** Signs out here (or everywhere), then forgets every cached answer and shows the sign-in page. */
  signOut(options?: { everywhere?: boolean }): Promise<void>;
}

const SessionContext = createContext<SessionControl | null>(null);

/** A tRPC error whose answer was 401: the session ended (expired, signed out or revoked elsewhere). */
const isUnauthorized = (error: unknown) => {
  const data = (error as { data?: { httpStatus?: number; code?: string } } | null)?.data;
  return data?.httpStatus === 401 || data?.code === 'UNAUTHORIZED';
};

/**
 * Owns the end of a session in the SPA. However it ends (sign-out, "sign out everywhere", or any
 * request answering 401 because the session expired or was revoked elsewhere), nothing of the
 * previous person's billing may stay in memory or on screen: every cached query is cleared and the
 * whole tree below remounts (component state such as half-filled forms goes with it), showing the
 * sign-in page. The URL is kept, so signing in again returns to the page the user was on.
 */
export function SessionBoundary({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [generation, setGeneration] = useState(0);

  const forget = useCallback(() => {
    forgetEverything(queryClient, trpc.session.me.queryKey());
    setGeneration((g) => g + 1);
  }, [queryClient, trpc]);

  useEffect(() => {
    const onError = (error: unknown) => {
      // After the cache finished dispatching the event that told us.
      if (isUnauthorized(error) && queryClient.getQueryData(trpc.session.me.queryKey())) queueMicrotask(forget);
    };
    const meHash = JSON.stringify(trpc.session.me.queryKey());
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated') return;
      if (event.action.type === 'error') onError(event.action.error);
      // Asked again (a focus, a reload of the query) and the answer is "nobody": the session ended
      // while other answers are still cached.
      const endedQuietly =
        event.action.type === 'success' &&
        event.action.data === null &&
        JSON.stringify(event.query.queryKey) === meHash;
      if (
        endedQuietly &&
        queryClient
          .getQueryCache()
          .getAll()
          .some((q) => q.queryHash !== event.query.queryHash)
      )
        queueMicrotask(forget);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient, trpc, forget]);

  const control = useMemo<SessionControl>(
    () => ({
      async signOut(options) {
        // The server revokes the session first: the cookie must not answer again anywhere.
        await fetch(options?.everywhere ? '/auth/logout-everywhere' : '/auth/logout', { method: 'POST' }).catch(
          () => undefined,
        );
        forget();
      },
    }),
    [forget],
  );
  return (
    <SessionContext.Provider value={control}>
      {/* A new key remounts everything below: no state of the previous session survives. */}
      <Fragment key={generation}>{children}</Fragment>
    </SessionContext.Provider>
  );
}

function forgetEverything(queryClient: QueryClient, meKey: readonly unknown[]) {
  void queryClient.cancelQueries();
  queryClient.clear();
  // Known now: nobody is signed in. The remounted app reads this instead of asking again.
  queryClient.setQueryData(meKey, null);
}

export function useSessionControl(): SessionControl {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionControl must be used inside <SessionBoundary>');
  return value;
}
