import { FailureCode, type ErrorReason, type Failure } from '@portal/contract';

/** The HTTP status of each kind of failure: the one place a route's refusal becomes a status. */
const STATUS: Record<FailureCode, number> = {
  [FailureCode.badRequest]: 400,
  [FailureCode.unauthorized]: 401,
  [FailureCode.forbidden]: 403,
  [FailureCode.notFound]: 404,
  [FailureCode.payloadTooLarge]: 413,
  [FailureCode.unsupportedMediaType]: 415,
  [FailureCode.tooManyRequests]: 429,
  [FailureCode.internal]: 500,
  [FailureCode.serviceUnavailable]: 503,
};

const KIND_BY_STATUS = new Map(Object.entries(STATUS).map(([kind, status]) => [status, kind as FailureCode]));

export interface HttpFailureOptions {
  /** The finer code a client can act on; the envelope's `code` when set. */
  reason?: ErrorReason;
  /** Headers the answer carries (Retry-After, Cache-Control). */
  headers?: Record<string, string>;
}

/**
 * A refusal of a non-tRPC route. Routes and hooks throw it; the app's one error handler
 * (plugins/app/errors.ts) turns it into the `{ success: false, error: { code, message } }` answer.
 */
export class HttpFailure extends Error {
  readonly statusCode: number;
  readonly code: FailureCode | ErrorReason;
  readonly headers: Record<string, string>;

  constructor(kind: FailureCode, message: string, options: HttpFailureOptions = {}) {
    super(message);
    this.name = 'HttpFailure';
    this.statusCode = STATUS[kind];
    this.code = options.reason ?? kind;
    this.headers = options.headers ?? {};
  }

  get body(): Failure {
    return { success: false, error: { code: this.code, message: this.message } };
  }
}

/** The kind Fastify's own 4xx refusals (body parser, size limit, content type) map to by status. */
export function kindOfStatus(status: number): FailureCode {
  return KIND_BY_STATUS.get(status) ?? (status < 500 ? FailureCode.badRequest : FailureCode.internal);
}
