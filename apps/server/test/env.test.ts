import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../src/env';

describe('configuration', () => {
  it('runs embedded with no configuration at all', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ mode: 'embedded', HOST: '127.0.0.1', PORT: 3000, DATA_DIR: './data' });
  });

  it('names a malformed DATABASE_URL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x@y/z' })).toThrowError(/DATABASE_URL: must be a postgres/);
  });

  it('requires the webhook secret, publishable key, session secret and token verification with a live key', () => {
    let message = '';
    try {
      parseEnv({ STRIPE_SECRET_KEY: 'sk_live_abc123' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ['STRIPE_WEBHOOK_SECRET', 'STRIPE_PUBLISHABLE_KEY', 'SESSION_SECRET', 'AUTH_TOKEN_SECRET']) {
      expect(message).toContain(name);
    }
  });

  it('lists every bad variable at once', () => {
    expect(() => parseEnv({ PORT: 'eighty', STRIPE_SECRET_KEY: 'pk_test_wrong' })).toThrowError(
      /PORT[\s\S]*STRIPE_SECRET_KEY: must look like sk_test_/,
    );
  });

  it('accepts a complete production configuration', () => {
    const env = parseEnv({
      STRIPE_SECRET_KEY: 'sk_live_abc123',
      STRIPE_PUBLISHABLE_KEY: 'pk_live_abc123',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
      SESSION_SECRET: 'x'.repeat(32),
      AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
      DATABASE_URL: 'postgres://u:p@db.example.com:5432/billing',
      RETURN_URL_ALLOWLIST: 'https://app.example.com, https://admin.example.com',
    });
    expect(env.mode).toBe('stripe');
    expect(env.RETURN_URL_ALLOWLIST).toEqual(['https://app.example.com', 'https://admin.example.com']);
  });
});

describe('portal configuration file', () => {
  it('names the bad field of a configuration file', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { loadPortalConfig } = await import('../src/portal-config');
    const file = `${mkdtempSync('/tmp/portal-config-')}/portal.json`;
    writeFileSync(
      file,
      JSON.stringify({ default: { id: 'x', features: { subscription_cancel: { enabled: true, mode: 'someday' } } } }),
    );
    expect(() => loadPortalConfig(parseEnv({ PORTAL_CONFIG_FILE: file }))).toThrowError(
      /default\.features\.subscription_cancel\.mode/,
    );
  });

  it('uses the demo catalog in embedded mode', async () => {
    const { loadPortalConfig } = await import('../src/portal-config');
    const config = loadPortalConfig(parseEnv({}));
    expect(config.default.features.subscription_update.products.length).toBeGreaterThan(0);
  });
});
