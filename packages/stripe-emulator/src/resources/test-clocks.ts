import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import { newId } from '../ids.js';
import { paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { processTime } from '../billing/timeline.js';

/**
 * Stripe's test clocks: customers created with `test_clock` live at the clock's frozen time,
 * and advancing it replays renewals, trial ends, payment retries and cancellations in order.
 * Advancing completes synchronously, so the clock is `ready` again as soon as the call returns.
 */
export function registerTestClocks(core: Core): void {
  const { router, store } = core;
  const base = '/v1/test_helpers/test_clocks';

  router.post(base, (ctx) => {
    const p = parseFields({ frozen_time: s.req(s.int({ min: 0 })), name: s.string({ maxLength: 300 }) }, ctx.body);
    const clock: StripeObject = {
      id: newId('clock'),
      object: 'test_helpers.test_clock',
      created: core.now(),
      deletes_after: core.now() + 30 * 86400,
      frozen_time: p.frozen_time,
      livemode: false,
      name: p.name ?? null,
      status: 'ready',
      status_details: {},
    };
    store.put(clock);
    core.emit('test_helpers.test_clock.created', clock);
    return store.render(clock);
  });

  router.get(`${base}/:id`, (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('test_helpers.test_clock', ctx.route.id));
  });

  router.get(base, (ctx) => {
    const p = parseFields(paginationFields(), ctx.body);
    return paginate(store.all('test_helpers.test_clock'), p, base, 'test_helpers.test_clock', (o) => store.render(o));
  });

  router.post(`${base}/:id/advance`, (ctx) => {
    const p = parseFields({ frozen_time: s.req(s.int({ min: 0 })) }, ctx.body);
    const clock = store.find('test_helpers.test_clock', ctx.route.id);
    if (p.frozen_time <= clock.frozen_time) throw invalidRequest('The new frozen_time must be after the current frozen_time of the test clock.', 'frozen_time');
    // Stripe caps one advance at two billing intervals; the emulator allows any jump.
    clock.frozen_time = p.frozen_time;
    processTime(core, clock.id);
    core.emit('test_helpers.test_clock.ready', clock);
    return store.render(clock);
  });

  router.del(`${base}/:id`, (ctx) => {
    parseFields({}, ctx.body);
    const clock = store.find('test_helpers.test_clock', ctx.route.id);
    // Deleting a clock deletes the objects attached to it.
    for (const c of store.all('customer', (x) => x.test_clock === clock.id)) {
      for (const sub of store.all('subscription', (x) => x.customer === c.id)) store.markDeleted(sub.id);
      store.markDeleted(c.id);
    }
    store.markDeleted(clock.id);
    core.emit('test_helpers.test_clock.deleted', clock);
    return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
  });
}
