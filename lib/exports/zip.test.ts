import { deflateRawSync, crc32 } from "node:zlib";
import yauzl from "yauzl";
import { describe, expect, it } from "vitest";
import { unzipEntries } from "@/testing/export-files";
import { ZipWriter, zipToBuffer } from "./zip";

const text = (n: number) => Buffer.from(`line ${"é".repeat(n % 7)} ${n}\n`.repeat(n));

describe("ZipWriter", () => {
  it("writes stored and deflated entries any unzipper reads back, checksums included", async () => {
    const zip = await zipToBuffer([
      { name: "stored.bin", data: text(100), compressionLevel: 0 },
      { name: "deflated.csv", data: text(5000), compressionLevel: 1 },
      { name: "empty.txt", data: Buffer.alloc(0), compressionLevel: 6 },
      { name: "Kanäle/日本.csv", data: text(3), compressionLevel: 9 },
    ]);
    const entries = await unzipEntries(zip);
    expect([...entries.keys()]).toEqual(["stored.bin", "deflated.csv", "empty.txt", "Kanäle/日本.csv"]);
    expect(entries.get("stored.bin")).toEqual({ data: text(100), compressed: false });
    expect(entries.get("deflated.csv")).toEqual({ data: text(5000), compressed: true });
    expect(entries.get("empty.txt")!.data).toHaveLength(0);
    expect(entries.get("Kanäle/日本.csv")!.data).toEqual(text(3));
    // Deflating shrank the repetitive file: it was really compressed, not stored with a flag.
    expect(zip.length).toBeLessThan(text(5000).length / 10);
  });

  it("takes data the caller deflated already", async () => {
    const data = text(2000);
    const zip = await zipToBuffer([{ name: "pre.xml", deflated: deflateRawSync(data), crc32: crc32(data), size: data.length }]);
    expect((await unzipEntries(zip)).get("pre.xml")).toEqual({ data, compressed: true });
  });

  it("stamps entries with the given time, to the two seconds a zip can hold", async () => {
    const mtime = new Date(2026, 4, 17, 13, 45, 31);
    const zip = await zipToBuffer([{ name: "a.txt", data: text(1), compressionLevel: 0 }], mtime);
    const modified = await new Promise<Date>((resolve, reject) =>
      yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
        if (error) return reject(error);
        file.on("entry", (entry: yauzl.Entry) => resolve(entry.getLastModDate()));
        file.readEntry();
      }),
    );
    expect(modified.getTime()).toBe(new Date(2026, 4, 17, 13, 45, 30).getTime());
  });

  it("streams: each entry reaches the writer as soon as it is added, in order", async () => {
    const chunks: Buffer[] = [];
    const zip = new ZipWriter(async (chunk) => {
      await new Promise((resolve) => setImmediate(resolve));
      chunks.push(chunk);
    });
    await zip.add({ name: "one.txt", data: text(10), compressionLevel: 0 });
    const afterFirst = Buffer.concat(chunks);
    expect(afterFirst.readUInt32LE(0)).toBe(0x04034b50);
    expect(afterFirst.includes(text(10))).toBe(true);
    await zip.add({ name: "two.txt", data: text(20), compressionLevel: 6 });
    await zip.finish();
    await zip.finish();
    await expect(zip.add({ name: "late.txt", data: text(1), compressionLevel: 0 })).rejects.toThrow(/finished/);
    const entries = await unzipEntries(Buffer.concat(chunks));
    expect([...entries.keys()]).toEqual(["one.txt", "two.txt"]);
    expect(entries.get("two.txt")!.data).toEqual(text(20));
  });

  it("passes the writer's failure on", async () => {
    const zip = new ZipWriter(async () => {
      throw new Error("disk full");
    });
    await expect(zip.add({ name: "a.txt", data: text(1), compressionLevel: 0 })).rejects.toThrow("disk full");
  });
});
