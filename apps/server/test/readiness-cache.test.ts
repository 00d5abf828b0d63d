import type { Emulator } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from './harness';

vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let app: FastifyInstance;
let emulator: Emulator;
let base: string;
beforeAll(async () => {
  ({ app, emulator } = await testApp());
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

const stripeCalls = () =>
  emulator.core.requestLog.filter((r) => r.path === '/v1/customers' && r.method === 'GET').length;

describe('GET /readyz cannot be used to spend Stripe rate limit', () => {
  it('70 concurrent and sequential probes over HTTP make at most 2 Stripe calls', async () => {
    const before = stripeCalls();
    const concurrent = await Promise.all(Array.from({ length: 35 }, () => fetch(`${base}/readyz`)));
    const sequential: number[] = [];
    for (let i = 0; i < 35; i++) sequential.push((await fetch(`${base}/readyz`)).status);
    expect(concurrent.map((r) => r.status).every((s) => s === 200)).toBe(true);
    expect(sequential.every((s) => s === 200)).toBe(true);
    const made = stripeCalls() - before;
    console.info(`[readyz] 70 probes made ${made} Stripe call(s)`);
    expect(made).toBeLessThanOrEqual(2);
  });
});
