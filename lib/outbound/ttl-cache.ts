/*
 * A value read at most once per `ttlMs` in this process, for reads on every outbound call that
 * may lag their source by that long (the approved trustlist). Callers arriving while a read is
 * under way share it; a failed read is not kept, so the next caller reads again. `fresh` reads
 * now and keeps what it read.
 */
export interface TtlCached<T> {
  get(): Promise<T>;
  fresh(): Promise<T>;
}

export function ttlCached<T>(load: () => Promise<T>, ttlMs: number, now: () => number = Date.now): TtlCached<T> {
  let entry: { at: number; value: Promise<T> } | undefined;
  const fresh = () => {
    const current = { at: now(), value: load() };
    entry = current;
    current.value.catch(() => {
      if (entry === current) entry = undefined;
    });
    return current.value;
  };
  return {
    get: () => (entry && now() - entry.at < ttlMs ? entry.value : fresh()),
    fresh,
  };
}
