import { useIntl } from 'react-intl';
import { PortalLink, useRouter } from '../routing/router';

const SECTIONS = [
  { to: '/', id: 'nav.overview' },
  { to: '/payment-methods', id: 'nav.paymentMethods' },
  { to: '/invoices', id: 'nav.invoices' },
  { to: '/details', id: 'nav.details' },
] as const;

export function PortalNav() {
  const intl = useIntl();
  const { path } = useRouter();
  const active = (to: string) =>
    to === '/' ? !SECTIONS.some((s) => s.to !== '/' && path.startsWith(s.to)) : path.startsWith(to);
  return (
    <nav className="bp-nav" aria-label={intl.formatMessage({ id: 'nav.label' })}>
      {SECTIONS.map((s) => (
        <PortalLink key={s.to} to={s.to} className="bp-nav-link" aria-current={active(s.to) ? 'page' : undefined}>
          {intl.formatMessage({ id: s.id })}
        </PortalLink>
      ))}
    </nav>
  );
}
