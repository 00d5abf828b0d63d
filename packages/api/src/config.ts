import type { PortalConfigFile, PortalConfiguration } from '@portal/contract';
import type Stripe from 'stripe';

export const SEGMENT_METADATA_KEY = 'portal_segment';

/** The configuration for this customer's segment (Stripe metadata `portal_segment`), else the default. */
export function selectConfiguration(
  file: PortalConfigFile,
  customer: Pick<Stripe.Customer, 'metadata'> | null,
): PortalConfiguration {
  const segment = customer?.metadata?.[SEGMENT_METADATA_KEY];
  return (segment && file.segments[segment]) || file.default;
}
