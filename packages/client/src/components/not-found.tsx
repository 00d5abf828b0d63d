import { useIntl } from 'react-intl';
import { PortalLink } from '../routing/router';

/**
 * A portal address that leads nowhere (a mistyped or outdated link): said plainly, with a way
 * back, rather than silently showing another screen.
 */
export function NotFound({ message }: { message?: string }) {
  const intl = useIntl();
  return (
    <section aria-labelledby="bp-not-found-title">
      <h1 id="bp-not-found-title">{intl.formatMessage({ id: 'notFound.title' })}</h1>
      <div className="bp-card">
        <p>{message ?? intl.formatMessage({ id: 'notFound.body' })}</p>
        <PortalLink className="bp-button bp-button-primary" to="/">
          {intl.formatMessage({ id: 'notFound.home' })}
        </PortalLink>
      </div>
    </section>
  );
}
