import { describe, expect, it } from "vitest";
import { ttlCached } from "./ttl-cache";

describe("ttlCached", () => {
  it("reads once within the time, again after it", async () => {
    let clock = 0;
    let reads = 0;
    const read = ttlCached(async () => ++reads, 1_000, () => clock).get;
    expect(await read()).toBe(1);
    clock = 999;
    expect(await read()).toBe(1);
    clock = 1_000;
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it("shares a read under way", async () => {
    let reads = 0;
    const read = ttlCached(async () => ++reads, 1_000).get;
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
  });

  it("does not keep a failed read", async () => {
    let reads = 0;
    const read = ttlCached(async () => {
      reads++;
      if (reads === 1) throw new Error("database down");
      return reads;
    }, 1_000).get;
    await expect(read()).rejects.toThrow("database down");
    expect(await read()).toBe(2);
  });

  it("reads afresh on demand and keeps what it read", async () => {
    let clock = 0;
    let reads = 0;
    const cached = ttlCached(async () => ++reads, 1_000, () => clock);
    expect(await cached.get()).toBe(1);
    clock = 500;
    expect(await cached.fresh()).toBe(2);
    clock = 1_400;
    expect(await cached.get()).toBe(2);
  });
});
