import type { EventOutbox } from './events.js';
import type { Store } from './store.js';

/**
 * All-or-nothing changes to the store. A write either applies fully and publishes its events, or
 * on a throw is undone and its events dropped, so bad input never leaves a half-applied change.
 */
export class Transactions {
  /** Set by `keepDespiteError` during a transaction; consumed when it ends in an error. */
  private keepOnError = false;

  constructor(
    private readonly store: Store,
    private readonly outbox: EventOutbox,
  ) {}

  run<T>(fn: () => T): T {
    const snap = this.store.snapshot();
    const mark = this.outbox.mark;
    try {
      const out = fn();
      this.outbox.publish();
      return out;
    } catch (e) {
      if (this.keepOnError) {
        // A failed charge is still a recorded attempt (attempt_count, payment_failed event).
        this.keepOnError = false;
        this.outbox.publish();
        throw e;
      }
      this.store.restore(snap);
      this.outbox.discardAfter(mark);
      throw e;
    }
  }

  /** Marks the running transaction's changes as kept even though it ends in an error. */
  keepDespiteError(): void {
    this.keepOnError = true;
  }

  /**
   * Runs `fn` against the store and always rolls back: previews compute what an update would do
   * by doing it, so a preview can never disagree with the real change.
   */
  sandbox<T>(fn: () => T): T {
    const snap = this.store.snapshot();
    const mark = this.outbox.mark;
    try {
      return fn();
    } finally {
      this.store.restore(snap);
      this.outbox.discardAfter(mark);
    }
  }
}
