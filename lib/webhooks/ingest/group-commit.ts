/*
 * Group commit: concurrent webhook deliveries share one transaction. While a flush is in flight,
 * new items wait; when it ends, everything that arrived meanwhile goes in the next one. Idle, an
 * item is flushed at once, so batching adds no latency at low load and saves one commit (one
 * WAL flush, several round trips) per item at high load. Each caller still learns its own
 * result only after the transaction that holds its rows has committed.
 */

export interface GroupCommitOptions {
  /** Most items per transaction. */
  maxBatch: number;
  /** Transactions in flight at once (each holds one pool connection). */
  maxConcurrent: number;
}

export interface GroupCommit<T, R> {
  submit(item: T): Promise<R>;
  /** Items waiting plus items in flight (for tests and the bench). */
  readonly pending: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** `flush` gets a batch and returns one result per item, in order; if it throws, every item of that batch fails with the error. */
export function createGroupCommit<T, R>(flush: (items: T[]) => Promise<R[]>, options: GroupCommitOptions): GroupCommit<T, R> {
  const queue: Waiting<T, R>[] = [];
  let inFlight = 0;
  let inFlightItems = 0;

  function pump() {
    while (inFlight < options.maxConcurrent && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight += 1;
      inFlightItems += batch.length;
      run(batch).finally(() => {
        inFlight -= 1;
        inFlightItems -= batch.length;
        pump();
      });
    }
  }

  async function run(batch: Waiting<T, R>[]) {
    try {
      const results = await flush(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // A microtask, so items submitted in the same tick join one batch.
        if (queue.length === 1) queueMicrotask(pump);
      });
    },
    get pending() {
      return queue.length + inFlightItems;
    },
  };
}
