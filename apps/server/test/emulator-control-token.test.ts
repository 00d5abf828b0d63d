import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../src/env';
import { connectStripe, type StripeConnection } from '../src/stripe-client';

// Issue #15 item 12: the embedded emulator's control routes take STRIPE_EMULATOR_TOKEN, and stay
// closed (random token, never printed) when it is unset.
let connection: StripeConnection | null = null;
afterEach(async () => {
  await connection?.close();
  connection = null;
});

const reset = (url: string, token: string) =>
  fetch(`${url}/_emulator/reset`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe('embedded emulator control routes', () => {
  it('accept the token from STRIPE_EMULATOR_TOKEN and nothing else', async () => {
    connection = await connectStripe(
      parseEnv({ LOG_LEVEL: 'silent', STRIPE_EMULATOR_TOKEN: 'a-long-enough-control-token' }),
    );
    const url = connection.emulator!.url;
    expect((await reset(url, 'a-long-enough-control-token')).status).toBe(200);
    expect((await reset(url, 'sk_test_embedded_emulator')).status).toBe(401);
    expect((await fetch(`${url}/_emulator/reset`, { method: 'POST' })).status).toBe(401);
  });

  it('stay closed without it', async () => {
    connection = await connectStripe(parseEnv({ LOG_LEVEL: 'silent' }));
    const url = connection.emulator!.url;
    expect((await fetch(`${url}/_emulator/health`)).status).toBe(401);
    expect((await reset(url, '')).status).toBe(401);
  });

  it('refuse a token too short to be secret', () => {
    expect(() => parseEnv({ LOG_LEVEL: 'silent', STRIPE_EMULATOR_TOKEN: 'short' })).toThrow(/STRIPE_EMULATOR_TOKEN/);
  });
});
