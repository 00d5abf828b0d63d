import type { Store } from './store.js';

/**
 * The emulator's sense of "now". The base is the `now` option (default `Date.now`) plus
 * `offsetSeconds`; objects attached to a test clock see its frozen time instead; and `atTime`
 * overrides both while scheduled work is replayed, so each step happens at its own moment.
 */
export class EmulatorClock {
  /** Seconds added to the base clock: `POST /_emulator/time` moves it, the demo seed back-dates with it. */
  offsetSeconds = 0;
  /** Set only inside `atTime`. */
  private override: number | null = null;

  constructor(
    private readonly base: () => number,
    /** Where test clocks (`clock_…` objects with `frozen_time`) live. */
    private readonly store: Store,
  ) {}

  nowMs(): number {
    return this.base() + this.offsetSeconds * 1000;
  }

  /** Unix seconds, Stripe's timestamp unit. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Time as seen by objects attached to a test clock (its frozen time), else the emulator clock. */
  nowFor(testClock: string | null | undefined): number {
    if (this.override !== null) return this.override;
    if (testClock) {
      const clock = this.store.get(testClock);
      if (clock && typeof clock.frozen_time === 'number') return clock.frozen_time;
    }
    return this.now();
  }

  /** Runs `fn` as if it were `at` (unix seconds): used when replaying scheduled work in order. */
  atTime<T>(at: number, fn: () => T): T {
    const saved = this.override;
    this.override = at;
    try {
      return fn();
    } finally {
      this.override = saved;
    }
  }
}
