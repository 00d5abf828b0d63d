import { useMemo, type ReactNode } from 'react';
import { PortalIntl } from '../i18n/portal-intl';
import { isRtl, resolveLocale } from '../i18n/locales';
import { PortalRouter, matchPath, useRouter } from '../routing/router';
import { brandingStyle } from '../theme/theme';
import type { Branding } from '@portal/contract';
import { OverviewSection } from './overview-section';
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
}

interface Route {
  pattern: string;
  render: (params: Record<string, string>) => ReactNode;
}

const routes: Route[] = [{ pattern: '/', render: () => <OverviewSection /> }];

function Sections() {
  const { path } = useRouter();
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return <>{route.render(params)}</>;
  }
  return <OverviewSection />;
}

/** The whole portal as one embeddable component: navigation, every section, branding, locale. */
export function BillingPortal({ basePath = '/billing', locale, branding, banner }: BillingPortalProps) {
  const active = useMemo(() => resolveLocale([locale, ...(typeof navigator === 'undefined' ? [] : navigator.languages)]), [locale]);
  return (
    <PortalRouter basePath={basePath}>
      <PortalIntl locale={active}>
        <div className="bp-root" lang={active} dir={isRtl(active) ? 'rtl' : 'ltr'} style={brandingStyle(branding)}>
          {banner}
          <PortalNav />
          <div className="bp-content">
            <Sections />
          </div>
        </div>
      </PortalIntl>
    </PortalRouter>
  );
}
