import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * A tiny history-API router scoped to the portal's base path. Host apps use any router they like;
 * the portal only owns the URLs under its base (e.g. /billing/invoices), so deep links from an
 * email work on reload. No router dependency is forced on embedders (docs/decisions/006).
 */
const NAVIGATE_EVENT = 'billing-portal:navigate';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPath = () => window.location.pathname;

interface RouterValue {
  basePath: string;
  /** The path below the base, always starting with "/". */
  path: string;
  navigate(to: string, options?: { replace?: boolean }): void;
  href(to: string): string;
}

const RouterContext = createContext<RouterValue | null>(null);

export function PortalRouter({ basePath, children }: { basePath: string; children: ReactNode }) {
  const full = useSyncExternalStore(subscribe, currentPath, () => basePath);
  const base = basePath.replace(/\/+$/, '');
  const path = full.startsWith(base) ? full.slice(base.length) || '/' : '/';
  const href = useCallback((to: string) => `${base}${to === '/' ? '' : to}` || '/', [base]);
  const navigate = useCallback(
    (to: string, options?: { replace?: boolean }) => {
      const url = href(to);
      if (options?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      window.dispatchEvent(new Event(NAVIGATE_EVENT));
    },
    [href],
  );
  const value = useMemo(() => ({ basePath: base, path, navigate, href }), [base, path, navigate, href]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter must be used inside <BillingPortal> (or <PortalRouter>)');
  return value;
}

/** Matches `pattern` ("/subscriptions/:id/cancel") against the current path; params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = decodeURIComponent(have[i]!);
    if (w.startsWith(':')) params[w.slice(1)] = h;
    else if (w !== h) return null;
  }
  return params;
}

/** An anchor that navigates inside the portal without a reload (and still opens in a new tab). */
export function PortalLink({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { href, navigate } = useRouter();
  function handle(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  }
  return <a href={href(to)} onClick={handle} {...rest} />;
}
