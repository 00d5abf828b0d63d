import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { TOKEN_SECRET } from '../harness';

export interface TokenOptions {
  customerId?: string;
  role?: 'customer' | 'support';
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  secret?: string;
}

/** A host-app token as the host would sign it (HS256 with AUTH_TOKEN_SECRET unless told otherwise). */
export async function hostToken(sub: string, opts: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    email: `${sub}@example.com`,
    role: opts.role ?? 'customer',
    ...(opts.customerId ? { customer_id: opts.customerId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt(now - 600)
    .setExpirationTime(now + (opts.expiresIn ?? 300))
    .sign(new TextEncoder().encode(opts.secret ?? TOKEN_SECRET));
  return `Bearer ${token}`;
}

export interface TrpcResult {
  status: number;
  /** The tRPC error code (UNAUTHORIZED…), or null on success. */
  code: string | null;
  message: string | null;
  data: unknown;
  body: string;
}

/** Calls one procedure over HTTP the way @trpc/client's httpLink does (GET for queries, POST for mutations). */
export async function callTrpc(
  app: FastifyInstance,
  type: 'query' | 'mutation',
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<TrpcResult> {
  const encoded = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res =
    type === 'query'
      ? await app.inject({ method: 'GET', url: `/trpc/${path}${encoded}`, headers })
      : await app.inject({
          method: 'POST',
          url: `/trpc/${path}`,
          headers: { 'content-type': 'application/json', ...headers },
          payload: JSON.stringify(input ?? null),
        });
  let json: { result?: { data?: unknown }; error?: { message?: string; data?: { code?: string } } } = {};
  try {
    // A subscription answers as Server-Sent Events; a refusal arrives as its `serialized-error` event.
    const sseError = /event: serialized-error\ndata: (.*)\n/.exec(res.body)?.[1];
    json = sseError ? { error: JSON.parse(sseError) } : res.json();
  } catch {
    // Non-JSON answers (a proxy page, an empty body) are reported through `body`.
  }
  const sse = String(res.headers['content-type']).startsWith('text/event-stream');
  const status =
    sse && json.error
      ? Number((json.error.data as { httpStatus?: number } | undefined)?.httpStatus ?? res.statusCode)
      : res.statusCode;
  return {
    status,
    code: json.error?.data?.code ?? null,
    message: json.error?.message ?? null,
    data: json.result?.data,
    body: res.body,
  };
}
