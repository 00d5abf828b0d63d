/**
 * Group commit: items handed to `add` while a batch is running wait and go together in the next
 * one. Nothing waits on a timer: a batch starts as soon as the event loop has taken in the I/O
 * already waiting, so a lone item is not delayed and batches only form under load, which is when
 * they pay: one statement, one round trip and one commit (fsync) for many events instead of one each.
 *
 * Each `add` resolves with its own item's result once its batch has finished (for the ledger:
 * committed), or rejects when its batch failed. A failed batch of several items is retried item
 * by item, so one bad item fails alone rather than taking its neighbours with it.
 */
export interface Batcher<I, O> {
  add(item: I): Promise<O>;
}

export interface BatcherOptions {
  /** Upper bound on one batch (statement size, transaction length). */
  maxBatch?: number;
  /** Batches running at once; 1 keeps a single connection busy, more overlap round trips. */
  concurrency?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/** `run` gets a batch and returns one result per item, in the same order. */
export function createBatcher<I, O>(run: (items: I[]) => Promise<O[]>, opts: BatcherOptions = {}): Batcher<I, O> {
  const maxBatch = opts.maxBatch ?? 256;
  const concurrency = opts.concurrency ?? 1;
  let queue: Waiting<I, O>[] = [];
  let running = 0;
  let scheduled = false;

  async function runOne(batch: Waiting<I, O>[]) {
    let results: O[];
    try {
      results = await run(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error(`batch returned ${results.length} results for ${batch.length} items`);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Which item failed is unknown: each goes again on its own and fails (or not) by itself.
      for (const w of batch) await runOne([w]);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }

  function pump() {
    scheduled = false;
    while (running < concurrency && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      running++;
      void runOne(batch).finally(() => {
        running--;
        schedule();
      });
    }
  }

  // After the event loop's I/O phase rather than at once: requests that are already waiting on
  // their sockets get parsed and join the batch. PGlite runs its queries synchronously, so without
  // this nothing could arrive while a batch runs and every batch would hold one item.
  function schedule() {
    if (scheduled || running >= concurrency || queue.length === 0) return;
    scheduled = true;
    setImmediate(pump);
  }

  return {
    add(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}
