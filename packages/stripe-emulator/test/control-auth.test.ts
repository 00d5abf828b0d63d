import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../src/index.js';

// Issue #15 item 12: the control routes reset and rewind the emulator, so they need a token and
// must refuse whatever a browser sends, over a real socket as an attacker's page would reach it.
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function start(controlToken?: string) {
  const emulator = createEmulator({ seed: 'demo', ...(controlToken ? { controlToken } : {}) });
  const server = await emulator.listen({ port: 0 });
  running.push(server);
  return { emulator, url: server.url };
}

const customerCount = async (url: string) => {
  const res = await fetch(`${url}/v1/customers?limit=100`, { headers: { authorization: 'Bearer sk_test_x' } });
  return ((await res.json()) as { data: unknown[] }).data.length;
};

describe('control routes need the emulator token', () => {
  it('refuses a reset without the token and changes nothing', async () => {
    const { url } = await start('tok_secret_1234');
    const before = await customerCount(url);
    expect(before).toBeGreaterThan(0);
    const none = await fetch(`${url}/_emulator/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'none' }),
    });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('emulator_control_unauthorized');
    const wrong = await fetch(`${url}/_emulator/seed`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok_secret_1235', 'content-type': 'application/json' },
      body: '{"kind":"none"}',
    });
    expect(wrong.status).toBe(401);
    // An API key is not the control token either.
    expect((await fetch(`${url}/_emulator/counters`, { headers: { authorization: 'Bearer sk_test_x' } })).status).toBe(
      401,
    );
    expect(await customerCount(url)).toBe(before);
  });

  it('accepts the token given at start', async () => {
    const { url } = await start('tok_secret_1234');
    const res = await fetch(`${url}/_emulator/seed`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok_secret_1234', 'content-type': 'application/json' },
      body: '{"kind":"none"}',
    });
    expect(res.status).toBe(200);
    expect(await customerCount(url)).toBe(0);
  });

  it('makes up a random token per start when none is given, handed to the creator only', async () => {
    const a = await start();
    const b = await start();
    expect(a.emulator.controlToken).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(a.emulator.controlToken).not.toBe(b.emulator.controlToken);
    expect(
      (await fetch(`${a.url}/_emulator/health`, { headers: { authorization: `Bearer ${b.emulator.controlToken}` } }))
        .status,
    ).toBe(401);
    expect(
      (await fetch(`${a.url}/_emulator/health`, { headers: { authorization: `Bearer ${a.emulator.controlToken}` } }))
        .status,
    ).toBe(200);
  });

  it('refuses browser requests even with the token (a page cannot forge it, but must not try)', async () => {
    const { url } = await start('tok_secret_1234');
    const auth = { authorization: 'Bearer tok_secret_1234', 'content-type': 'application/json' };
    const fromPage = await fetch(`${url}/_emulator/reset`, {
      method: 'POST',
      headers: { ...auth, origin: 'https://evil.example' },
    });
    expect(fromPage.status).toBe(403);
    const crossSite = await fetch(`${url}/_emulator/reset`, {
      method: 'POST',
      headers: { ...auth, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await fetch(`${url}/_emulator/health`, { headers: { ...auth, 'sec-fetch-site': 'same-origin' } });
    expect(sameSite.status).toBe(403);
    // A URL typed into the address bar is `Sec-Fetch-Site: none`: only the token decides then.
    const typed = await fetch(`${url}/_emulator/health`, { headers: { ...auth, 'sec-fetch-site': 'none' } });
    expect(typed.status).toBe(200);
  });
});
