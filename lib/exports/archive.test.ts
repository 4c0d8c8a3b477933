import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { EXPORT_CONTENT_TYPES, exportFileName, SINK_CHUNK_BYTES, writeExportArchive, type ExportArchiveInput } from "./archive";
import { loadExportLabels, type ExportLabels } from "./labels";
import type { ExportChannelRecord } from "./record";
import { exportRecord, parseCsv, unzipEntries } from "@/testing/export-files";

const DATE = "2026-05-01";
const PROVIDERS = ["infobip", "other", "cloud-api", "twilio"] as const;
const PROVIDER_NAMES = ["infobip", "Customer-built BSP", "Meta WhatsApp Cloud API (cloud-api)", "Twilio"];

let labels: ExportLabels;

beforeAll(async () => {
  labels = await loadExportLabels("en", "UTC");
});

const record = (i: number) => exportRecord(i, { provider: PROVIDERS[i % 4]!, noCustomerReply: { enabled: true, minutes: i % 1440, message: `bye ${i}` } });

/** Records 0..total-1 in batches of the given sizes (cycled), with a log of what was asked for. */
function source(total: number, sizes: number[] = [2000], log: string[] = []) {
  let closed = false;
  async function* batches(): AsyncGenerator<ExportChannelRecord[]> {
    try {
      let next = 0;
      for (let b = 0; next < total; b++) {
        const size = Math.min(sizes[b % sizes.length]!, total - next);
        log.push(`batch ${next}`);
        yield Array.from({ length: size }, (_, k) => record(next + k));
        next += size;
      }
    } finally {
      closed = true;
    }
  }
  return { batches: batches(), log, isClosed: () => closed };
}

async function run(input: Partial<ExportArchiveInput> & { totalRows: number }, sink?: (chunk: Buffer) => Promise<void>) {
  const chunks: Buffer[] = [];
  const progress: number[] = [];
  const result = await writeExportArchive(
    {
      format: "xlsx",
      date: DATE,
      batches: source(input.totalRows).batches,
      labels,
      onProgress: (rows) => void progress.push(rows),
      ...input,
    },
    sink ??
      (async (chunk) => {
        chunks.push(chunk);
      }),
  );
  return { result, output: Buffer.concat(chunks), chunks, progress };
}

async function readSheet(file: Buffer) {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS types its input as an ArrayBuffer-like "Buffer"; a Node Buffer is what it reads.
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe("exportFileName", () => {
  it("names single files, numbered files and the zip", () => {
    expect(exportFileName("xlsx", DATE)).toBe("channels-2026-05-01.xlsx");
    expect(exportFileName("csv", DATE)).toBe("channels-2026-05-01.csv");
    expect(exportFileName("xlsx", DATE, 1)).toBe("channels-2026-05-01-001.xlsx");
    expect(exportFileName("csv", DATE, 50)).toBe("channels-2026-05-01-050.csv");
    expect(exportFileName("zip", DATE)).toBe("channels-2026-05-01.zip");
  });
});

describe("writeExportArchive", () => {
  it("zips 4,500 records as three xlsx files of 2,000, 2,000 and 500 rows", async () => {
    const { batches } = source(4500, [7, 0, 1999, 1000, 3]);
    const { result, output, chunks, progress } = await run({ totalRows: 4500, batches });
    expect(result).toEqual({
      fileName: "channels-2026-05-01.zip",
      contentType: "application/zip",
      fileCount: 3,
      rows: 4500,
      bytes: output.length,
    });
    expect(progress).toEqual([2000, 4000, 4500]);

    const entries = await unzipEntries(output);
    expect([...entries.keys()]).toEqual(["channels-2026-05-01-001.xlsx", "channels-2026-05-01-002.xlsx", "channels-2026-05-01-003.xlsx"]);
    const expected = [
      { rows: 2000, first: 0 },
      { rows: 2000, first: 2000 },
      { rows: 500, first: 4000 },
    ];
    for (const [index, entry] of [...entries.values()].entries()) {
      expect(entry.compressed).toBe(false); // an xlsx is compressed already
      const sheet = await readSheet(entry.data);
      const { rows, first } = expected[index]!;
      expect(sheet.rowCount).toBe(rows + 1);
      expect(sheet.getRow(1).getCell(1).value).toBe("Channel name");
      for (const r of [0, 1, rows - 1]) {
        const i = first + r;
        const row = sheet.getRow(r + 2);
        expect(row.getCell(1).value).toBe(`channel_${i}`);
        expect(row.getCell(3).value).toBe(PROVIDER_NAMES[i % 4]);
        expect(row.getCell(6).value).toBe(`+49151${10_000_000 + i}`);
        expect(row.getCell(15).value).toBe(i % 1440);
        expect(row.getCell(16).value).toBe(`bye ${i}`);
      }
    }
    // The output came through the sink in several fixed-size chunks, not as one buffer.
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(0, -1).every((chunk) => chunk.length === SINK_CHUNK_BYTES)).toBe(true);
  });

  it("zips 4,500 records as three csv files, deflated", async () => {
    const { result, output } = await run({ format: "csv", totalRows: 4500, batches: source(4500, [333]).batches });
    expect(result).toMatchObject({ fileName: "channels-2026-05-01.zip", contentType: "application/zip", fileCount: 3, rows: 4500 });
    const entries = await unzipEntries(output);
    expect([...entries.keys()]).toEqual(["channels-2026-05-01-001.csv", "channels-2026-05-01-002.csv", "channels-2026-05-01-003.csv"]);
    let i = 0;
    for (const [index, entry] of [...entries.values()].entries()) {
      expect(entry.compressed).toBe(true);
      expect([...entry.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(entry.data.toString("utf8").slice(1));
      expect(header![0]).toBe("Channel name");
      expect(rows).toHaveLength([2000, 2000, 500][index]!);
      for (const row of rows) {
        expect(row[0]).toBe(`channel_${i}`);
        expect(row[2]).toBe(PROVIDER_NAMES[i % 4]);
        expect(row[14]).toBe(String(i % 1440));
        i++;
      }
    }
    expect(i).toBe(4500);
  });

  it("delivers one record as a single xlsx file, not a zip", async () => {
    const { result, output, progress } = await run({ totalRows: 1 });
    expect(result).toEqual({
      fileName: "channels-2026-05-01.xlsx",
      contentType: EXPORT_CONTENT_TYPES.xlsx,
      fileCount: 1,
      rows: 1,
      bytes: output.length,
    });
    expect(progress).toEqual([1]);
    const entries = await unzipEntries(output);
    expect(entries.has("xl/worksheets/sheet1.xml")).toBe(true);
    const sheet = await readSheet(output);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe("channel_0");
  });

  it("delivers one record as a single csv file, not a zip", async () => {
    const { result, output } = await run({ format: "csv", totalRows: 1 });
    expect(result).toMatchObject({ fileName: "channels-2026-05-01.csv", contentType: "text/csv; charset=utf-8", fileCount: 1 });
    const rows = parseCsv(output.toString("utf8").slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe("channel_0");
  });

  it("keeps exactly 2,000 records in one file and splits 2,001 into two", async () => {
    const single = await run({ format: "csv", totalRows: 2000 });
    expect(single.result).toMatchObject({ fileName: "channels-2026-05-01.csv", fileCount: 1 });
    expect(parseCsv(single.output.toString("utf8").slice(1))).toHaveLength(2001);

    const split = await run({ format: "csv", totalRows: 2001 });
    expect(split.result).toMatchObject({ fileName: "channels-2026-05-01.zip", fileCount: 2 });
    const entries = [...(await unzipEntries(split.output)).values()];
    expect(entries.map((entry) => parseCsv(entry.data.toString("utf8").slice(1)).length)).toEqual([2001, 2]);
  });

  it("writes the headers in the reader's language", async () => {
    const german = await loadExportLabels("de", "Europe/Berlin");
    const { output } = await run({ totalRows: 1, labels: german });
    const sheet = await readSheet(output);
    expect(sheet.name).toBe("Kanäle");
    expect(sheet.getRow(1).getCell(1).value).toBe("Kanalname");
    expect(sheet.getRow(1).getCell(26).value).toBe("Erstellt (Europe/Berlin)");
    expect(sheet.getRow(2).getCell(26).value).toBe("2026-01-15 09:30:05");
  });

  it("streams: the first bytes reach the sink before the last batch is read, one write at a time", async () => {
    const log: string[] = [];
    const { batches } = source(10_000, [1000], log);
    let inFlight = 0;
    // xlsx: ~1.3 MB of output, several sink chunks (10,000 csv rows deflate to less than one).
    const { result } = await run({ totalRows: 10_000, batches }, async () => {
      inFlight++;
      expect(inFlight).toBe(1);
      log.push("sink");
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
    });
    expect(result.fileCount).toBe(5);
    expect(log.indexOf("sink")).toBeGreaterThan(-1);
    expect(log.indexOf("sink")).toBeLessThan(log.indexOf("batch 9000"));
  });

  it("refuses a source that ends early, and says so", async () => {
    const { batches, isClosed } = source(4499);
    await expect(run({ totalRows: 4500, batches })).rejects.toThrow("expected 4500 records but the source ended after 4499");
    expect(isClosed()).toBe(true);
    await expect(run({ format: "csv", totalRows: 10, batches: source(9).batches })).rejects.toThrow(/expected 10 records/);
  });

  it("refuses a source that yields more than it announced, and closes it", async () => {
    const { batches, isClosed } = source(4501, [100]);
    await expect(run({ totalRows: 4500, batches })).rejects.toThrow("expected 4500 records but the source yielded more");
    expect(isClosed()).toBe(true);
    await expect(run({ totalRows: 1, batches: source(2).batches })).rejects.toThrow(/yielded more/);
  });

  it("refuses impossible sizes and dates before reading anything", async () => {
    for (const totalRows of [0, -1, 1.5, 100_001, Number.NaN]) {
      const { batches, log } = source(5);
      await expect(run({ totalRows, batches })).rejects.toThrow(/1 to 100000 records/);
      expect(log).toEqual([]);
    }
    await expect(run({ totalRows: 1, date: "1 May 2026" })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it("stops and closes the source when the sink fails", async () => {
    const { batches, isClosed } = source(6000);
    await expect(
      run({ format: "csv", totalRows: 6000, batches }, async () => {
        throw new Error("database gone");
      }),
    ).rejects.toThrow("database gone");
    expect(isClosed()).toBe(true);
  });
});
