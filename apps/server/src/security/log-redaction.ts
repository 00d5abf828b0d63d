import type { FastifyLoggerOptions } from 'fastify';

/**
 * What an error may say in a log line. Pino's default serializer writes the stack and every own
 * property; a Stripe SDK error carries the raw response, its headers and `requestId`, and a
 * connection error may quote the request. Operators get the class, code and a scrubbed message,
 * enough to act on; secrets, stack traces and Stripe request ids never reach the log sink.
 */
const SECRET = /\b(sk|rk|pk|whsec)_(test|live)?_?[A-Za-z0-9_]+/g;
const REQUEST_ID = /\breq_[A-Za-z0-9]+/g;

export function scrub(text: string): string {
  return text.replace(SECRET, '[secret]').replace(REQUEST_ID, '[request-id]');
}

export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  const e = error as Error & { type?: unknown; code?: unknown; statusCode?: unknown };
  return {
    type: typeof e.type === 'string' ? e.type : e.name,
    message: scrub(e.message).split('\n')[0],
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
  };
}

/**
 * For Fastify's `serializers.err`, whose type insists on a `stack`: the point here is to drop it,
 * so the one cast lives here.
 */
export const errSerializer = serializeError as unknown as NonNullable<
  NonNullable<FastifyLoggerOptions['serializers']>['err']
>;
