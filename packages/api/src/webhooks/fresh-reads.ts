/**
 * Re-reads from Stripe, shared between events about the same object. A webhook re-reads its object
 * because the payload may be stale; any read that *starts after the event arrived* is as fresh as
 * one of its own. So per object there is at most one read running and one waiting: an event that
 * arrives while a read runs joins the waiting one (which starts when the running one ends), never
 * the running one, which may have been answered before the change the event reports. A burst of
 * events about one object thus costs two Stripe requests, not one each, and no event is routed by
 * a read older than itself.
 */
export interface FreshReads {
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
}

interface Slot {
  running: Promise<unknown>;
  /** Not started yet: callers arriving now join it. */
  waiting: Promise<unknown> | null;
}

export function createFreshReads(): FreshReads {
  const slots = new Map<string, Slot>();

  function start(key: string, load: () => Promise<unknown>): Promise<unknown> {
    const running = load();
    const slot: Slot = slots.get(key) ?? { running, waiting: null };
    slot.running = running;
    slots.set(key, slot);
    const settled = () => {
      if (slots.get(key) === slot && slot.running === running && slot.waiting === null) slots.delete(key);
    };
    running.then(settled, settled);
    return running;
  }

  return {
    read<T>(key: string, load: () => Promise<T>): Promise<T> {
      const slot = slots.get(key);
      if (!slot) return start(key, load) as Promise<T>;
      if (slot.waiting) return slot.waiting as Promise<T>;
      const after = slot.running.then(
        () => undefined,
        () => undefined,
      );
      const waiting = after.then(() => {
        slot.waiting = null;
        return start(key, load);
      });
      slot.waiting = waiting;
      return waiting as Promise<T>;
    },
  };
}
