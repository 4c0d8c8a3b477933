import { describe, expect, it } from "vitest";
import { chunkWriter } from "./chunk-writer";

describe("chunkWriter", () => {
  it("gathers small pieces into chunks of at least the size, in order, and writes the rest at the end", async () => {
    const written: { seq: number; data: string }[] = [];
    const writer = chunkWriter(4, async (seq, data) => void written.push({ seq, data: data.toString() }));
    for (const piece of ["ab", "cd", "e", "fghij", "k"]) await writer.push(Buffer.from(piece));
    expect(await writer.end()).toBe(3);
    expect(written).toEqual([
      { seq: 0, data: "abcd" },
      { seq: 1, data: "efghij" },
      { seq: 2, data: "k" },
    ]);
  });

  it("writes nothing for no output", async () => {
    const written: number[] = [];
    const writer = chunkWriter(4, async (seq) => void written.push(seq));
    expect(await writer.end()).toBe(0);
    expect(written).toEqual([]);
  });
});
