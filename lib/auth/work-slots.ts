/** Thrown when every slot is taken and the queue is full: the caller should answer "try again". */
export class SlotsBusyError extends Error {
  constructor() {
    super("all work slots are busy");
    this.name = "SlotsBusyError";
  }
}

export interface WorkSlots {
  /**
   * Runs `task` once a slot is free. With `mayRefuse`, refuses at once (SlotsBusyError) when the
   * queue is already full; without it, always waits its turn.
   */
  run<T>(task: () => Promise<T>, options?: { mayRefuse?: boolean }): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

/**
 * A counting semaphore with a bounded queue, for expensive work (password hashing) whose cost a
 * caller can trigger: at most `size` tasks run at once in this process, at most `queue` wait.
 */
export function createWorkSlots({ size, queue }: { size: number; queue: number }): WorkSlots {
  if (!Number.isInteger(size) || size < 1) throw new Error(`work slots: size must be a positive integer, not ${size}`);
  let active = 0;
  const waiters: (() => void)[] = [];

  const release = () => {
    const next = waiters.shift();
    // The slot passes straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
    if (next) next();
    else active--;
  };

  return {
    async run(task, options = {}) {
      if (active < size) active++;
      else if (options.mayRefuse && waiters.length >= queue) throw new SlotsBusyError();
      else await new Promise<void>((resolve) => waiters.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiters.length;
    },
  };
}
