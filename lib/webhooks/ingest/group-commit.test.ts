import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit";

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe("createGroupCommit", () => {
  it("flushes an item at once when idle and answers it with its own result", async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit<number, string>(async (items) => (batches.push(items), items.map((n) => `ok:${n}`)), { maxBatch: 10, maxConcurrent: 1 });
    await expect(commit.submit(7)).resolves.toBe("ok:7");
    expect(batches).toEqual([[7]]);
  });

  it("collects what arrives during a flush into the next transaction", async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const commit = createGroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items.map((n) => n * 2);
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const first = commit.submit(1);
    await Promise.resolve();
    await Promise.resolve();
    const later = [2, 3, 4].map((n) => commit.submit(n));
    expect(commit.pending).toBe(4);
    gate.release();
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(commit.pending).toBe(0);
  });

  it("never puts more than maxBatch items in one flush and runs at most maxConcurrent at once", async () => {
    let running = 0;
    let maxRunning = 0;
    const sizes: number[] = [];
    const commit = createGroupCommit<number, number>(
      async (items) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        sizes.push(items.length);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return items;
      },
      { maxBatch: 3, maxConcurrent: 2 },
    );
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => commit.submit(i)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20);
    expect(maxRunning).toBe(2);
  });

  it("fails every item of a failed flush, and keeps serving later items", async () => {
    let calls = 0;
    const commit = createGroupCommit<number, number>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error("database down");
        return items;
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const failed = [commit.submit(1), commit.submit(2)];
    await expect(Promise.all(failed)).rejects.toThrow("database down");
    await expect(failed[1]).rejects.toThrow("database down");
    await expect(commit.submit(3)).resolves.toBe(3);
  });

  it("rejects a flush that answers the wrong number of results instead of misattributing them", async () => {
    const commit = createGroupCommit<number, number>(async () => [1], { maxBatch: 10, maxConcurrent: 1 });
    const both = [commit.submit(1), commit.submit(2)];
    await expect(both[0]).rejects.toThrow("1 results for 2 items");
    await expect(both[1]).rejects.toThrow("1 results for 2 items");
  });
});
