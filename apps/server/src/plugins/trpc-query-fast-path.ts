import type { AnyRouter } from '@trpc/server';
import {
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  type AnyProcedure,
  type TRPCError,
} from '@trpc/server/unstable-core-do-not-import';
import { setBounded, viewJson } from '@portal/api';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * GET queries (what `httpBatchLink` sends for every screen) answered without tRPC's HTTP adapter.
 *
 * The Fastify adapter turns each request into a WHATWG `Request` (with abort signals) and each answer
 * into a `Response` stream, and for a warm read from the cache that conversion cost more than the
 * read itself. Here the same procedures run through tRPC's own caller, and errors get tRPC's own
 * shapes and status rules (`getErrorShape`, `getHTTPStatusCode`); only the HTTP plumbing is ours.
 * Anything else falls through to the adapter untouched: mutations, subscriptions, streaming
 * (`trpc-accept: application/jsonl`), connection params, input that does not parse, unknown paths.
 * A differential test sends the same requests both ways and compares status, headers and bodies.
 */
export interface QueryFastPathOptions<TContext> {
  router: AnyRouter;
  createContext(request: FastifyRequest, reply: FastifyReply): Promise<TContext>;
  onError?(opts: { error: TRPCError; path: string; input: unknown; ctx: TContext | undefined; type: 'query'; req: FastifyRequest }): void;
}

interface Call {
  path: string;
  procedure: AnyProcedure;
  input: unknown;
}

const passThrough = (payload: unknown) => payload as string;
// Returned from a function rather than written as `getRawInput: async () => input`: tsx keeps
// function names, and a named arrow costs an Object.defineProperty each time it is created.
const rawInputGetter = (input: unknown) => () => Promise.resolve(input);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

interface Plan {
  calls: Array<Omit<Call, 'input'> & { inputJson: string | undefined }>;
  batch: boolean;
}

/**
 * What a plain GET query request asks for, or null when tRPC's adapter should answer it. Only the
 * URL decides this (headers are checked per request), so plans are remembered per URL: a screen's
 * reads repeat the same few URLs. Inputs are deserialized afresh for every call.
 */
async function planQuery(router: AnyRouter, query: Record<string, unknown>, rawPath: string): Promise<Plan | null> {
  if ('connectionParams' in query) return null;
  if (query.batch !== undefined && query.batch !== '1') return null;
  if (query.input !== undefined && typeof query.input !== 'string') return null;
  let path: string;
  let inputs: unknown;
  try {
    path = decodeURIComponent(rawPath);
    inputs = query.input ? JSON.parse(query.input as string) : undefined;
  } catch {
    return null;
  }
  const batch = query.batch === '1';
  if (batch && inputs !== undefined && !isObject(inputs)) return null;
  const paths = batch ? path.split(',') : [path];
  const calls: Plan['calls'] = [];
  for (const [index, callPath] of paths.entries()) {
    const procedure = await getProcedureAtPath(router, callPath);
    if (!procedure || procedure._def.type !== 'query') return null;
    const rawInput = inputs === undefined ? undefined : batch ? (inputs as Record<string, unknown>)[index] : inputs;
    calls.push({ path: callPath, procedure, inputJson: rawInput === undefined ? undefined : JSON.stringify(rawInput) });
  }
  return { calls, batch };
}

const MAX_PLANS = 1_000;
/** Longer URLs (large inputs) are planned every time rather than held in memory. */
const MAX_PLANNED_URL = 2_048;

type Outcome = { ok: true; data: unknown } | { ok: false; error: TRPCError };
/** A success as getHTTPStatusCode sees it (it reads only errors). */
const SUCCESS = { result: {} };

export function queryFastPath<TContext>(opts: QueryFastPathOptions<TContext>) {
  const config = opts.router._def._config;
  const deserialize = config.transformer.input.deserialize as (value: unknown) => unknown;
  const serializeOutput = config.transformer.output.serialize as (value: unknown) => unknown;
  /**
   * What `transformTRPCResponse` would answer for a result, written directly: tRPC's copy of each
   * item goes through its downlevelled spread helper, which cost more than serializing the view.
   * A cached view's JSON is remembered (see @portal/api's sealed-view.ts).
   */
  const successJson = (data: unknown) => {
    const json = viewJson(serializeOutput(data));
    return json === undefined ? '{"result":{}}' : `{"result":{"data":${json}}}`;
  };
  // Keyed by the URL; a URL tRPC's adapter must answer is remembered as null.
  const plans = new Map<string, Plan | null>();

  /** Answers the request and returns true, or returns false without touching the reply. */
  return async function answer(request: FastifyRequest, reply: FastifyReply, rawPath: string): Promise<boolean> {
    if (request.method !== 'GET') return false;
    if (request.headers['trpc-accept'] !== undefined || request.headers.accept?.includes('application/jsonl')) return false;
    let plan = plans.get(request.url);
    if (plan === undefined) {
      plan = await planQuery(opts.router, request.query as Record<string, unknown>, rawPath);
      if (request.url.length <= MAX_PLANNED_URL) setBounded(plans, request.url, plan, MAX_PLANS);
    }
    if (!plan) return false;
    const { batch } = plan;
    // Each call gets its own input object, parsed from the remembered JSON.
    const calls = plan.calls.map(({ path, procedure, inputJson }): Call => ({ path, procedure, input: inputJson === undefined ? undefined : deserialize(JSON.parse(inputJson)) }));
    let ctx: TContext | undefined;
    let contextError: unknown = null;
    try {
      ctx = await opts.createContext(request, reply);
    } catch (cause) {
      contextError = cause;
    }
    const outcomes = await Promise.all(
      calls.map(async (call, batchIndex): Promise<Outcome> => {
        try {
          if (contextError) throw contextError;
          const data = await call.procedure({ path: call.path, getRawInput: rawInputGetter(call.input), ctx, type: 'query', signal: undefined, batchIndex });
          return { ok: true, data };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          opts.onError?.({ error, path: call.path, input: call.input, ctx, type: 'query', req: request });
          return { ok: false, error };
        }
      }),
    );
    // Each item twice: as tRPC's response before the transformer (the status comes from these),
    // and as the JSON sent.
    const responses: unknown[] = [];
    const items: string[] = [];
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.ok) {
        responses.push(SUCCESS);
        items.push(successJson(outcome.data));
        continue;
      }
      const shape = getErrorShape({ config, error: outcome.error, type: 'query', path: calls[index]!.path, input: calls[index]!.input, ctx });
      responses.push({ error: shape });
      items.push(JSON.stringify({ error: serializeOutput(shape) }));
    }
    reply
      .code(getHTTPStatusCode(responses as Parameters<typeof getHTTPStatusCode>[0]))
      .header('vary', 'trpc-accept, accept')
      .header('content-type', 'application/json')
      // Serialized here; the pass-through serializer keeps Fastify from appending `; charset=utf-8`
      // (as it does to a string sent without one), and a string goes out in one write with the headers.
      .serializer(passThrough)
      .send(batch ? `[${items.join(',')}]` : items[0]!);
    return true;
  };
}
