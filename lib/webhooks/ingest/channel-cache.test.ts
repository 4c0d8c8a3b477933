import { describe, expect, it } from "vitest";
import { createChannelCache } from "./channel-cache";

function setup(ttlMs = 1_000, maxEntries = 10) {
  let clock = 0;
  const loads: string[] = [];
  const store = new Map<string, string>([
    ["a", "A1"],
    ["b", "B1"],
    ["c", "C1"],
  ]);
  const cache = createChannelCache<string>({
    load: async (key) => (loads.push(key), store.get(key) ?? null),
    ttlMs,
    maxEntries,
    now: () => clock,
  });
  return { cache, loads, store, tick: (ms: number) => (clock += ms) };
}

describe("createChannelCache", () => {
  it("reads a key once within the TTL and again after it", async () => {
    const { cache, loads, store, tick } = setup();
    expect((await cache.get("a")).value).toBe("A1");
    store.set("a", "A2");
    tick(999);
    expect((await cache.get("a")).value).toBe("A1");
    tick(1);
    expect((await cache.get("a")).value).toBe("A2");
    expect(loads).toEqual(["a", "a"]);
  });

  it("shares one read between concurrent misses", async () => {
    const { cache, loads } = setup();
    const values = await Promise.all([cache.get("b"), cache.get("b"), cache.get("b")]);
    expect(values.map((v) => v.value)).toEqual(["B1", "B1", "B1"]);
    expect(loads).toEqual(["b"]);
  });

  it("does not keep unknown keys, so each lookup of one reads again", async () => {
    const { cache, loads } = setup();
    expect((await cache.get("zz")).value).toBeNull();
    expect((await cache.get("zz")).value).toBeNull();
    expect(loads).toEqual(["zz", "zz"]);
  });

  it("reload and forget bypass a fresh entry", async () => {
    const { cache, loads, store } = setup();
    await cache.get("a");
    store.set("a", "A2");
    expect((await cache.reload("a")).value).toBe("A2");
    store.set("a", "A3");
    cache.forget("a");
    expect((await cache.get("a")).value).toBe("A3");
    expect(loads).toEqual(["a", "a", "a"]);
  });

  it("holds at most maxEntries, dropping the least recently loaded", async () => {
    const { cache, loads } = setup(1_000, 2);
    await cache.get("a");
    await cache.get("b");
    await cache.get("c");
    await cache.get("b");
    await cache.get("a");
    expect(loads).toEqual(["a", "b", "c", "a"]);
  });
});
