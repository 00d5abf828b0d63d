import { StripeError } from '../errors.js';
import { sdkEnumValues } from '../sdk-params/enums.js';
import { API_VERSION } from './wire.js';

/**
 * Every API version Stripe has published, from the SDK's own list (`WebhookEndpointCreateParams.ApiVersion`
 * in stripe 23.1.0). A version missing from it answers Stripe's "Invalid Stripe API version" 400,
 * so a typo or a made-up version is caught rather than answered in endive's shapes.
 */
export const knownApiVersions = (): ReadonlySet<string> => sdkEnumValues('WebhookEndpointCreateParams.ApiVersion');

/** The release name (`endive`): monthly versions of one release only add fields, never change them. */
const releaseOf = (version: string): string | null => /^\d{4}-\d{2}-\d{2}\.([a-z]+)$/.exec(version)?.[1] ?? null;

/**
 * Null when the emulator can answer in `version`'s shapes; otherwise the error to answer. An
 * unknown version is Stripe's own 400; a real version of an older release is refused by name,
 * because rendering its shapes (e.g. `invoice.subscription` before basil) is not emulated.
 */
export function apiVersionError(version: string, param?: string): StripeError | null {
  if (!knownApiVersions().has(version))
    return new StripeError(400, {
      type: 'invalid_request_error',
      message: `Invalid Stripe API version: ${version}. See https://docs.stripe.com/upgrades#api-versions for the list of versions.`,
      ...(param ? { param } : {}),
    });
  if (releaseOf(version) === releaseOf(API_VERSION)) return null;
  return new StripeError(400, {
    type: 'invalid_request_error',
    code: 'emulator_unsupported_version',
    message: `Stripe API version ${version} is a real version, but stripe-emulator only renders the ${releaseOf(API_VERSION)} release (${API_VERSION}). Pin that version, or test this one against Stripe.`,
    ...(param ? { param } : {}),
  });
}
