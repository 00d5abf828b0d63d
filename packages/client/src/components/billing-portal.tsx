import { usePrefetchQuery, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTRPC } from '../provider';
import { PortalIntl } from '../i18n/portal-intl';
import { isRtl, type SupportedLocale } from '../i18n/locales';
import { useLiveUpdates } from '../hooks/use-live-updates';
import { usePortalLocale } from '../hooks/use-portal-locale';
import { useViewer } from './use-viewer';
import { PortalRouter, matchPath, useRouter } from '../routing/router';
import { brandingStyle } from '../theme/theme';
import type { Branding } from '@portal/contract';
import { FlashProvider } from './flash';
import { LocalePicker } from './locale-picker';
import { NotFound } from './not-found';
import { OverviewSection } from './overview-section';
import { PortalFooter } from './portal-footer';
import { PortalNav } from './portal-nav';

export interface BillingPortalProps {
  /** Where the portal's URLs start in the host app, e.g. "/billing" or "/settings/billing". */
  basePath?: string;
  /** An explicit locale (e.g. the host app's language switch); otherwise the browser's. */
  locale?: string;
  /** Overrides the configuration's branding (colours, font, radius). */
  branding?: Partial<Branding>;
  /** Shown above the sections; e.g. a read-only banner. */
  banner?: ReactNode;
  /** Offers Stripe's hosted portal as a fallback, returning to this URL (must be on the server's allow-list). */
  hostedReturnUrl?: string;
  /** `system` follows the operating system's light or dark setting. */
  theme?: 'light' | 'dark' | 'system';
  /** Show the language picker (the host may offer its own and pass `locale`). */
  showLocalePicker?: boolean;
  /**
   * With `locale`: the host owns the language (e.g. to translate its own frame too) and the
   * portal's picker reports choices here instead of hiding.
   */
  onLocaleChange?: (locale: SupportedLocale) => void;
}

// Only the overview is in the first load; every other section arrives when it is opened.
const ChangePlanSection = lazy(() => import('./change-plan-section').then((m) => ({ default: m.ChangePlanSection })));
const CancelFlowSection = lazy(() => import('./cancel-flow-section').then((m) => ({ default: m.CancelFlowSection })));
const PaymentMethodsSection = lazy(() =>
  import('./payment-methods-section').then((m) => ({ default: m.PaymentMethodsSection })),
);
const PayInvoiceSection = lazy(() => import('./pay-invoice-section').then((m) => ({ default: m.PayInvoiceSection })));
const InvoicesSection = lazy(() => import('./invoices-section').then((m) => ({ default: m.InvoicesSection })));
const BillingDetailsSection = lazy(() =>
  import('./billing-details-section').then((m) => ({ default: m.BillingDetailsSection })),
);

interface Route {
  pattern: string;
  render: (params: Record<string, string>) => ReactNode;
}

const routes: Route[] = [
  { pattern: '/subscriptions/:id/change', render: (p) => <ChangePlanSection subscriptionId={p.id!} /> },
  { pattern: '/subscriptions/:id/cancel', render: (p) => <CancelFlowSection subscriptionId={p.id!} /> },
  { pattern: '/payment-methods', render: () => <PaymentMethodsSection /> },
  { pattern: '/invoices/:id/pay', render: (p) => <PayInvoiceSection invoiceId={p.id!} /> },
  { pattern: '/invoices', render: () => <InvoicesSection /> },
  { pattern: '/details', render: () => <BillingDetailsSection /> },
];

/** The section route `path` opens with its parameters, or null for the overview. */
function matchRoute(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

const isOverview = (path: string) => path === '/' || path === '';

function Sections({ hostedReturnUrl }: { hostedReturnUrl: string | undefined }) {
  const { path } = useRouter();
  const match = matchRoute(path);
  if (match)
    return (
      <Suspense fallback={<div className="bp-card bp-skeleton" aria-busy="true" />}>
        {match.route.render(match.params)}
      </Suspense>
    );
  if (!isOverview(path)) return <NotFound />;
  return <OverviewSection hostedReturnUrl={hostedReturnUrl} />;
}

/**
 * Requests the overview's data as the portal mounts, outside PortalIntl: should the English
 * catalog still be on its way (fetched in parallel, decision 008), the first screen's data is not
 * held back behind it.
 */
function OverviewPrefetch() {
  const trpc = useTRPC();
  usePrefetchQuery(trpc.billing.overview.queryOptions());
  return null;
}

function PrefetchFirstScreen() {
  return isOverview(useRouter().path) ? <OverviewPrefetch /> : null;
}

/** The whole portal as one embeddable component: navigation, every section, branding, locale. */
export function BillingPortal({
  basePath = '/billing',
  locale,
  branding,
  banner,
  hostedReturnUrl,
  theme = 'light',
  showLocalePicker = true,
  onLocaleChange,
}: BillingPortalProps) {
  const { locale: active, ready, choose } = usePortalLocale(locale);
  const { viewer } = useViewer();
  const hasCustomer = Boolean(viewer && (viewer.role === 'customer' || viewer.readOnly));
  useLiveUpdates(hasCustomer);
  // The configuration's branding first; the host's `branding` prop overrides it field by field.
  const trpc = useTRPC();
  const configured = useQuery(
    trpc.billing.portal.config.queryOptions(undefined, { enabled: hasCustomer, retry: false }),
  ).data?.branding;
  if (!ready) {
    // The first screen's data is asked for meanwhile; no words are drawn in a language about to change.
    return (
      <PortalRouter basePath={basePath}>
        <PrefetchFirstScreen />
        <div className="bp-root" aria-busy="true" data-theme={theme} />
      </PortalRouter>
    );
  }
  return (
    <PortalRouter basePath={basePath}>
      <PrefetchFirstScreen />
      <PortalIntl locale={active}>
        <div
          className="bp-root"
          lang={active}
          dir={isRtl(active) ? 'rtl' : 'ltr'}
          data-theme={theme}
          style={brandingStyle({ ...configured, ...branding })}
        >
          {/* The host's own content keeps the host's styles (see portal.css). */}
          {banner && <div className="bp-host-slot">{banner}</div>}
          <div className="bp-topline">
            <PortalNav />
            {showLocalePicker && (!locale || onLocaleChange) && (
              <LocalePicker value={active} onChange={onLocaleChange ?? choose} />
            )}
          </div>
          <div className="bp-content">
            <FlashProvider>
              <Sections hostedReturnUrl={hostedReturnUrl} />
            </FlashProvider>
          </div>
          <PortalFooter />
        </div>
      </PortalIntl>
    </PortalRouter>
  );
}
