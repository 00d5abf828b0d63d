import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';

// `core.batch` runs many in-process calls as one transaction (the demo seed's meter events).
describe('core.batch', () => {
  it('keeps every call of a batch that succeeds and publishes their events', () => {
    const { core } = createEmulator({ seed: 'none' });
    const ids = core.batch(() => [
      core.call('POST', '/v1/customers', { name: 'A' }).id,
      core.call('POST', '/v1/customers', { name: 'B' }).id,
    ]);
    expect(ids.map((id) => core.store.get(id)?.name)).toEqual(['A', 'B']);
    expect(core.events.all('event').map((e) => e.type)).toEqual(['customer.created', 'customer.created']);
  });

  it('undoes the whole batch when one call fails', () => {
    const { core } = createEmulator({ seed: 'none' });
    expect(() =>
      core.batch(() => {
        core.call('POST', '/v1/customers', { name: 'kept only with the rest' });
        core.call('POST', '/v1/customers', { email: 'x', colour: 'red' });
      }),
    ).toThrow(/colour/);
    expect(core.store.all('customer')).toEqual([]);
    expect(core.events.all('event')).toEqual([]);
    // Calls after a failed batch run in their own transactions again.
    core.call('POST', '/v1/customers', { name: 'C' });
    expect(core.store.all('customer').map((c) => c.name)).toEqual(['C']);
  });
});
