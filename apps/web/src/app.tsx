import { BillingPortal, PortalIntl, usePortalIntl, usePortalLocale, useTRPC } from '@portal/client';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Shell } from './components/shell';
import { useTheme } from './components/use-theme';
import { LoginScreen } from './screens/login-screen';
import { ReadOnlyBanner } from './support/read-only-banner';

// Support screens are for staff only: split off from the customers' first load.
const SupportConsole = lazy(() => import('./support/support-console'));

/** The frame and the portal share one language (chosen in the portal) and one theme (chosen in the frame). */
export function App() {
  const { locale, ready, choose } = usePortalLocale(undefined);
  const theme = useTheme();
  return (
    <PortalIntl locale={locale}>
      <Screens locale={locale} localeReady={ready} onLocaleChange={choose} theme={theme} />
    </PortalIntl>
  );
}

type PortalLocale = ReturnType<typeof usePortalLocale>;

function Screens({
  locale,
  localeReady,
  onLocaleChange,
  theme,
}: {
  locale: PortalLocale['locale'];
  localeReady: boolean;
  onLocaleChange: PortalLocale['choose'];
  theme: ReturnType<typeof useTheme>;
}) {
  const trpc = useTRPC();
  const intl = usePortalIntl();
  const me = useQuery(trpc.session.me.queryOptions());
  const viewer = me.data ?? null;
  const home = viewer?.role === 'support' && !viewer.readOnly ? '/support' : '/billing';
  const frame = { locale, theme: theme.theme, onThemeChange: theme.choose };

  // Each kind of viewer has a home; a visit elsewhere (the bare origin, a stale link) lands there.
  useEffect(() => {
    if (viewer && !window.location.pathname.startsWith(home)) {
      window.history.replaceState(null, '', home);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }
  }, [viewer, home]);

  if (me.isPending)
    return (
      <Shell {...frame}>
        <p className="muted" role="status">
          {intl.formatMessage({ id: 'common.loading' })}
        </p>
      </Shell>
    );
  if (me.isError)
    return (
      <Shell {...frame}>
        <p role="alert">{intl.formatMessage({ id: 'common.error.network' })}</p>
      </Shell>
    );
  if (!viewer)
    return (
      <Shell {...frame} onLocaleChange={onLocaleChange}>
        <LoginScreen />
      </Shell>
    );
  // A customer's own language (from Stripe) is on its way: the portal waits for it rather than switch mid-read.
  if (!localeReady)
    return (
      <Shell {...frame}>
        <div aria-busy="true" />
      </Shell>
    );
  if (home === '/support') {
    return (
      <Shell viewer={viewer} {...frame} onLocaleChange={onLocaleChange}>
        <Suspense fallback={<p role="status">{intl.formatMessage({ id: 'common.loading' })}</p>}>
          <SupportConsole />
        </Suspense>
      </Shell>
    );
  }
  return (
    <Shell viewer={viewer} {...frame}>
      <BillingPortal
        basePath="/billing"
        banner={viewer.readOnly ? <ReadOnlyBanner /> : undefined}
        hostedReturnUrl={`${window.location.origin}/billing`}
        locale={locale}
        onLocaleChange={onLocaleChange}
        theme={theme.theme}
      />
    </Shell>
  );
}
