/*
 * Webhook keys resolved to channels, kept for a few seconds so the hot path does not read and
 * decrypt the channel on every delivery. Staleness is safe: every write checks in its transaction
 * that the channel is still enabled at the cached version (db/queries/webhook-ingest/); a failed
 * authentication and a cached "disabled" both read the channel again before refusing, so a
 * replaced secret or a re-enabled channel works at once.
 */

export interface ChannelCacheOptions<V> {
  load: (key: string) => Promise<V | null>;
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

export interface CachedChannel<V> {
  value: V | null;
  loadedAt: number;
}

export interface ChannelCache<V> {
  get(key: string): Promise<CachedChannel<V>>;
  /** Reads again now (after a stale write or a failed authentication on an old entry). */
  reload(key: string): Promise<CachedChannel<V>>;
  forget(key: string): void;
}

export function createChannelCache<V>({ load, ttlMs, maxEntries, now = Date.now }: ChannelCacheOptions<V>): ChannelCache<V> {
  const entries = new Map<string, CachedChannel<V>>();
  // Concurrent misses for one key share one read.
  const loading = new Map<string, Promise<CachedChannel<V>>>();

  function fetch(key: string): Promise<CachedChannel<V>> {
    const running = loading.get(key);
    if (running) return running;
    const promise = load(key)
      .then((value) => {
        const entry = { value, loadedAt: now() };
        // Unknown keys are not kept: random keys would only push real channels out.
        if (value === null) entries.delete(key);
        else {
          entries.delete(key);
          entries.set(key, entry);
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
        }
        return entry;
      })
      .finally(() => loading.delete(key));
    loading.set(key, promise);
    return promise;
  }

  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry && now() - entry.loadedAt < ttlMs) return entry;
      return fetch(key);
    },
    reload: fetch,
    forget(key) {
      entries.delete(key);
    },
  };
}
