import type { Store, StripeObject } from './store.js';

/** Objects that have a `/search` endpoint. */
const SEARCHABLE = new Set(['customer', 'subscription', 'invoice', 'price', 'product']);

type Indexed = { id: string; snapshot: StripeObject | null };

/**
 * Stripe's search is eventually consistent: a new object, or a change to one, shows in search
 * results only after the index catches up (documented: usually seconds, up to a minute). The
 * index follows the event stream: each published event's object is queued with the real time it
 * happened, and becomes what search matches against once `lagMs` has passed. Objects present
 * at start (seed, a restored state file) are indexed from the beginning.
 */
export class SearchIndex {
  /** What search sees: the object as of its last indexed event; null once its deletion is indexed. */
  private readonly indexed = new Map<string, StripeObject | null>();
  private readonly pending: Array<Indexed & { at: number }> = [];

  constructor(
    private readonly lagMs: () => number,
    /** Real time: indexing delay is wall-clock, whatever the emulator's (test) clock says. */
    private readonly realNowMs: () => number = Date.now,
  ) {}

  /** Queues the object an event carries (already a detached snapshot of that moment). */
  record(event: StripeObject): void {
    // With no lag, search reads the store itself: nothing to keep.
    if (this.lagMs() === 0) return;
    const obj = event.data?.object as StripeObject | undefined;
    if (!obj || !SEARCHABLE.has(obj.object)) return;
    this.pending.push({
      at: this.realNowMs(),
      id: obj.id,
      snapshot: String(event.type).endsWith('.deleted') ? null : obj,
    });
    // Catching up here too keeps the queue to the last `lagMs` of changes when nobody searches.
    this.catchUp();
  }

  /** Indexes everything in the store now, without lag (the seed and restored state are old news). */
  indexAll(store: Store): void {
    this.pending.length = 0;
    for (const object of SEARCHABLE) for (const o of store.all(object)) this.indexed.set(o.id, store.render(o));
  }

  /** The objects search may match, each as the index last saw it. */
  visible(object: string): StripeObject[] {
    this.catchUp();
    const out: StripeObject[] = [];
    for (const o of this.indexed.values()) if (o && o.object === object) out.push(o);
    return out.sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
  }

  /** Moves what has waited `lagMs` into the index. */
  private catchUp(): void {
    const cutoff = this.realNowMs() - this.lagMs();
    let ready = 0;
    while (ready < this.pending.length && (this.pending[ready]?.at ?? Infinity) <= cutoff) {
      const next = this.pending[ready++]!;
      this.indexed.set(next.id, next.snapshot);
    }
    this.pending.splice(0, ready);
  }

  clear(): void {
    this.indexed.clear();
    this.pending.length = 0;
  }
}
