import type { ErrorReason } from './errors';

/**
 * The kind of failure a non-tRPC route answers (`/auth/*`, `/api/billing/portal`, `/webhooks/stripe`,
 * `/readyz`, refused requests), named as tRPC names its codes so a client handles both alike.
 */
export const FailureCode = {
  badRequest: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  tooManyRequests: 'TOO_MANY_REQUESTS',
  internal: 'INTERNAL_SERVER_ERROR',
  serviceUnavailable: 'SERVICE_UNAVAILABLE',
} as const;
export type FailureCode = (typeof FailureCode)[keyof typeof FailureCode];

/**
 * Every non-tRPC failure on the wire. `code` is the finer ErrorReason when the route has one a
 * client can act on (e.g. TOO_MANY_SIGN_IN_ATTEMPTS), else the failure's kind; `message` is English,
 * a fallback for codes a client does not word itself.
 */
export interface Failure {
  success: false;
  error: { code: FailureCode | ErrorReason; message: string };
}
