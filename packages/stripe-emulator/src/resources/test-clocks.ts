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
 * As on Stripe, `advance` answers at once with `status: "advancing"`; the work runs shortly
 * after (`core.timing.testClockAdvanceMs`), and only then is the clock `ready` again and
 * `test_helpers.test_clock.ready` emitted, so callers must poll or wait for the event.
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
    if (p.frozen_time <= clock.frozen_time)
      throw invalidRequest(
        'The new frozen_time must be after the current frozen_time of the test clock.',
        'frozen_time',
      );
    if (clock.status === 'advancing')
      throw invalidRequest(
        `The test clock ${clock.id} is currently advancing. Wait until its status is ready before advancing it again.`,
      );
    // Stripe caps one advance at two billing intervals; the emulator allows any jump.
    clock.status = 'advancing';
    clock.status_details = { advancing: { target_frozen_time: p.frozen_time } };
    setTimeout(() => finishAdvance(core, clock.id, p.frozen_time), core.timing.testClockAdvanceMs).unref();
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

/** The advance's work, off the request as on Stripe: time moves, scheduled work runs, then `ready`. */
function finishAdvance(core: Core, clockId: string, target: number): void {
  // Looked up again: a reset or deletion while advancing leaves nothing to do.
  const clock = core.store.get(clockId);
  if (!clock || clock.status !== 'advancing') return;
  try {
    core.transaction(() => {
      clock.frozen_time = target;
      processTime(core, clockId);
      // Looked up again: previews computed while processing (invoice.upcoming) restore the
      // store from a snapshot, which replaces the object held above.
      const done = core.store.find('test_helpers.test_clock', clockId);
      done.status = 'ready';
      done.status_details = {};
      core.emit('test_helpers.test_clock.ready', done);
    });
  } catch (e) {
    // The transaction undid the work; Stripe reports a failed advance this way.
    console.error('[stripe-emulator] test clock advance failed', e);
    const failed = core.store.get(clockId);
    if (failed) Object.assign(failed, { status: 'internal_failure', status_details: {} });
  }
}
