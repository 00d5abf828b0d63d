import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * tRPC copies chained inputs and, at each middleware level, the options and the context. A request
 * must never be able to turn a JSON "__proto__" key in those copies into a prototype change; these
 * cases hold that for the tRPC version installed (an upgrade that broke it would fail here).
 */
const t = initTRPC.context<Record<string, unknown>>().create();

describe('tRPC context and input merging', () => {
  it('keeps an own "__proto__" key in a context override as data, without changing the prototype', async () => {
    const hostile = JSON.parse('{"__proto__": {"isAdmin": true}, "viewer": "ada"}') as Record<string, unknown>;
    const seen = t.procedure
      .use(({ next }) => next({ ctx: hostile }))
      .query(({ ctx }) => ({
        proto: Object.getPrototypeOf(ctx) === Object.prototype,
        isAdmin: ctx.isAdmin,
        viewer: ctx.viewer,
        own: Object.hasOwn(ctx, '__proto__'),
      }));
    const caller = t.createCallerFactory(t.router({ seen }))({ db: 'db' });
    expect(await caller.seen()).toEqual({ proto: true, isAdmin: undefined, viewer: 'ada', own: true });
  });

  it('merges chained inputs, a JSON "__proto__" key included, without changing the prototype', async () => {
    // A plain-function parser hands the raw JSON on (zod would drop the key before the merge).
    const merged = t.procedure
      .input(z.object({ idempotencyKey: z.string() }))
      .input((value: unknown) => value as { name: string })
      .mutation(({ input }) => ({
        proto: Object.getPrototypeOf(input) === Object.prototype,
        polluted: (input as Record<string, unknown>).polluted,
        own: Object.hasOwn(input, '__proto__'),
        input,
      }));
    const caller = t.createCallerFactory(t.router({ merged }))({});
    const raw = JSON.parse('{"idempotencyKey": "k1", "name": "Ada", "__proto__": {"polluted": true}}') as {
      idempotencyKey: string;
      name: string;
    };
    const result = await caller.merged(raw);
    expect(result.own).toBe(true); // the hostile key went through the merge, as data
    expect(result.proto).toBe(true);
    expect(result.polluted).toBeUndefined();
    expect(result.input).toMatchObject({ idempotencyKey: 'k1', name: 'Ada' });
  });

  it('still merges context overrides level by level', async () => {
    const layered = t.procedure
      .use(({ next }) => next({ ctx: { a: 1, b: 1 } }))
      .use(({ next }) => next({ ctx: { b: 2, [Symbol.for('tag')]: 'kept' } }))
      .query(({ ctx }) => {
        const merged = ctx as Record<string | symbol, unknown>;
        return { a: merged.a, b: merged.b, base: merged.base, tag: merged[Symbol.for('tag')] };
      });
    const caller = t.createCallerFactory(t.router({ layered }))({ base: true });
    expect(await caller.layered()).toEqual({ a: 1, b: 2, base: true, tag: 'kept' });
  });

  it('keeps a "__proto__" key of the base context as data when a middleware extends it', async () => {
    const base = JSON.parse('{"__proto__": {"isAdmin": true}, "db": "db"}') as Record<string, unknown>;
    const extended = t.procedure
      .use(({ next }) => next({ ctx: { viewer: 'ada' } }))
      .query(({ ctx }) => {
        const merged = ctx as Record<string, unknown>;
        return {
          proto: Object.getPrototypeOf(ctx) === Object.prototype,
          isAdmin: merged.isAdmin,
          db: merged.db,
          viewer: merged.viewer,
          own: Object.hasOwn(ctx, '__proto__'),
        };
      });
    const caller = t.createCallerFactory(t.router({ extended }))(base);
    expect(await caller.extended()).toEqual({ proto: true, isAdmin: undefined, db: 'db', viewer: 'ada', own: true });
  });

  it('hands every middleware its path, type, meta, input and own options object', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const tm = initTRPC.context<Record<string, unknown>>().meta<{ screen: string }>().create();
    const traced = tm.procedure
      .meta({ screen: 'overview' })
      .input(z.object({ id: z.string() }))
      .use((opts) => {
        seen.push({ path: opts.path, type: opts.type, meta: opts.meta, input: opts.input });
        (opts as Record<string, unknown>).leaked = true; // must not reach the next level
        return opts.next();
      })
      .use((opts) => {
        seen.push({
          path: opts.path,
          type: opts.type,
          meta: opts.meta,
          input: opts.input,
          leaked: (opts as Record<string, unknown>).leaked,
        });
        return opts.next({ ctx: { level: 2 } });
      })
      .query(({ ctx, input }) => ({ level: ctx.level, id: input.id }));
    const caller = tm.createCallerFactory(tm.router({ traced }))({});
    expect(await caller.traced({ id: 'x' })).toEqual({ level: 2, id: 'x' });
    expect(seen).toEqual([
      { path: 'traced', type: 'query', meta: { screen: 'overview' }, input: { id: 'x' } },
      { path: 'traced', type: 'query', meta: { screen: 'overview' }, input: { id: 'x' }, leaked: undefined },
    ]);
  });
});
