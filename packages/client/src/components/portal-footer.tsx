import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useTRPC } from '../provider';

/** The business profile from the configuration: headline and the policy links customers expect. */
export function PortalFooter() {
  const intl = useIntl();
  const trpc = useTRPC();
  const config = useQuery(trpc.billing.portal.config.queryOptions(undefined, { retry: false }));
  const profile = config.data?.businessProfile;
  if (!profile || (!profile.headline && !profile.privacyPolicyUrl && !profile.termsOfServiceUrl)) return null;
  return (
    <footer className="bp-footer">
      {/* The business's own words, often in another script than the page's: isolated, so an English
          sentence on an Arabic page keeps its full stop at its end. */}
      {profile.headline && (
        <p>
          <bdi>{profile.headline}</bdi>
        </p>
      )}
      <p>
        {profile.privacyPolicyUrl && (
          <a href={profile.privacyPolicyUrl} rel="noopener noreferrer" target="_blank">
            {intl.formatMessage({ id: 'footer.privacy' })}
          </a>
        )}
        {profile.termsOfServiceUrl && (
          <a href={profile.termsOfServiceUrl} rel="noopener noreferrer" target="_blank">
            {intl.formatMessage({ id: 'footer.terms' })}
          </a>
        )}
      </p>
    </footer>
  );
}
