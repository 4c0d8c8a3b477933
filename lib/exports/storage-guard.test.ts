import { describe, expect, it } from "vitest";
import { StorageLimitReached, storageGuardedSink } from "./storage-guard";

const chunk = (bytes: number) => Buffer.alloc(bytes, 1);

describe("the storage limit while a file is written", () => {
  it("passes every chunk on while the tenant stays within its limit, exactly up to it", async () => {
    const stored: number[] = [];
    const sink = storageGuardedSink(async (data) => void stored.push(data.length), 600, 1_000);
    for (const size of [100, 100, 200]) await sink(chunk(size));
    expect(stored).toEqual([100, 100, 200]);
  });

  it("refuses the chunk that would cross the limit before it reaches the store", async () => {
    const stored: number[] = [];
    const sink = storageGuardedSink(async (data) => void stored.push(data.length), 600, 1_000);
    await sink(chunk(256));
    await expect(sink(chunk(256))).rejects.toBeInstanceOf(StorageLimitReached);
    expect(stored).toEqual([256]);
  });

  it("refuses the first chunk when the tenant is already at its limit", async () => {
    const stored: number[] = [];
    const sink = storageGuardedSink(async (data) => void stored.push(data.length), 1_000, 1_000);
    await expect(sink(chunk(1))).rejects.toBeInstanceOf(StorageLimitReached);
    expect(stored).toEqual([]);
  });
});
