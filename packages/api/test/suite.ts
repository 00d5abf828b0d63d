import { afterAll, beforeAll } from 'vitest';
import { fixtures, type Harness } from './fixtures';
import { apiHarness } from './harness';

/**
 * The set-up most api test files share: one emulator, database and deps for the file (or for the
 * describe block it is called in), opened before its first test and closed after its last.
 *
 * The harness is returned at once, while tests are still being collected, and filled in place
 * when `beforeAll` runs; so a file can destructure `{ h, f }` at its top and use them in tests and
 * helpers as before. Reading `h` outside a test or hook (at collection time) finds it empty.
 * Hooks a file registers after this call run after the harness opens and close before it does
 * (Vitest runs `afterAll` hooks in reverse order).
 */
export function useApiSuite(): { h: Harness; f: ReturnType<typeof fixtures> } {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await apiHarness());
  });
  afterAll(() => h.close());
  // fixtures() reads the harness only when called, so it can be made before the harness opens.
  return { h, f: fixtures(h) };
}

/** Stripe requests the emulator answered since the last call (the ground truth for "0 calls"), by path. */
export function stripeCalls(h: Harness) {
  let seen = h.emulator.core.requestLog.length;
  return () => {
    const log = h.emulator.core.requestLog.slice(seen);
    seen = h.emulator.core.requestLog.length;
    return log.map((r) => `${r.method} ${r.path}`);
  };
}
