import { describe, expect, it } from 'vitest';
import { rememberVerified } from '../src/auth/verified-tokens';

function verifier(validUntilMs: number) {
  let calls = 0;
  const verify = async (token: string) => {
    calls++;
    return token.startsWith('good') ? { value: { userId: token }, expiresAtMs: validUntilMs } : null;
  };
  return { verify, calls: () => calls };
}

describe('verified tokens are remembered until they expire', () => {
  it('verifies a repeated token once, and a forged one every time', async () => {
    const v = verifier(Date.now() + 60_000);
    const check = rememberVerified(v.verify);
    expect(await check('good-1')).toEqual({ userId: 'good-1' });
    expect(await check('good-1')).toEqual({ userId: 'good-1' });
    expect(v.calls()).toBe(1);
    expect(await check('forged')).toBeNull();
    expect(await check('forged')).toBeNull();
    expect(v.calls()).toBe(3);
  });

  it('verifies again once the token has expired (and the verifier then refuses it)', async () => {
    let now = 1_000;
    let valid = true;
    const check = rememberVerified(async (token) => (valid ? { value: token, expiresAtMs: 2_000 } : null), {
      now: () => now,
    });
    expect(await check('good')).toBe('good');
    now = 1_999;
    valid = false;
    expect(await check('good')).toBe('good');
    now = 2_000;
    expect(await check('good')).toBeNull();
  });

  it('keeps an answer at most maxAgeMs, however long the token lives (a rotated key takes effect)', async () => {
    let now = 0;
    let valid = true;
    const check = rememberVerified(async (token) => (valid ? { value: token, expiresAtMs: 10 * 60 * 60_000 } : null), {
      now: () => now,
      maxAgeMs: 1_000,
    });
    await check('good');
    valid = false;
    now = 999;
    expect(await check('good')).toBe('good');
    now = 1_000;
    expect(await check('good')).toBeNull();
  });

  it('holds at most `max` tokens, dropping the oldest', async () => {
    const v = verifier(Date.now() + 60_000);
    const check = rememberVerified(v.verify, { max: 2 });
    await check('good-a');
    await check('good-b');
    await check('good-c');
    expect(v.calls()).toBe(3);
    await check('good-c');
    await check('good-b');
    expect(v.calls()).toBe(3);
    await check('good-a');
    expect(v.calls()).toBe(4);
  });
});
