import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../src/index.js';

// A browser opening a hosted page (invoice, 3-D Secure, portal) asks the emulator for /favicon.ico
// on its own; a 401 there prints a console error on every such page (#16.18).
describe('favicon', () => {
  let running: RunningEmulator;
  beforeAll(async () => {
    running = await createEmulator({ seed: 'none' }).listen({ port: 0 });
  });
  afterAll(() => running.close());

  it('answers GET /favicon.ico over HTTP without an API key, with a cacheable icon', async () => {
    const res = await fetch(`${running.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toContain('max-age');
    expect(await res.text()).toContain('<svg');
  });

  it('still refuses API paths without a key', async () => {
    const res = await fetch(`${running.url}/v1/customers`);
    expect(res.status).toBe(401);
  });
});
