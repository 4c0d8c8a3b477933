import { exportColumns, type ExportColumn } from "./columns";
import { writeCsvFile } from "./csv";
import type { ExportLabels } from "./labels";
import { EXPORT_MAX_ROWS, EXPORT_ROWS_PER_FILE, type ExportChannelRecord, type ExportFormat } from "./record";
import { writeXlsxFile } from "./xlsx";
import { ZipWriter } from "./zip";

/*
 * The whole export as one download: a single file for up to 2,000 records, otherwise a zip of
 * 2,000-record files. Memory stays flat however large the export: records are regrouped into one
 * file at a time, that file is rendered and written into the zip, and the next one is rendered
 * only once its bytes have gone through the sink. Awaiting the sink is the backpressure.
 */

export interface ExportArchiveInput {
  format: ExportFormat;
  /** YYYY-MM-DD (tenant's zone), for file names. */
  date: string;
  /** Exact (the source reads from one snapshot); 1..100,000; decides single file vs zip. */
  totalRows: number;
  /** Any batch sizes; regrouped into files of exactly 2,000 (the last one fewer). */
  batches: AsyncIterable<ExportChannelRecord[]>;
  labels: ExportLabels;
  /** Called after each file with the number of records written so far. */
  onProgress?: (rowsWritten: number) => Promise<void> | void;
}

export interface ExportArchiveResult {
  fileName: string;
  contentType: string;
  fileCount: number;
  rows: number;
  bytes: number;
}

export const EXPORT_CONTENT_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  zip: "application/zip",
} as const;

/** The sink receives chunks of exactly this size, except the last, whatever the zip produces. */
export const SINK_CHUNK_BYTES = 256 * 1024;
/** Level 1 takes a third of level 6's time; the zip is up to ~1.8× larger, still ~1/15 of the csv. */
const CSV_COMPRESSION_LEVEL = 1;

/** `channels-<date>.<ext>`, or `channels-<date>-001.<ext>` for the first file of a zip. */
export function exportFileName(format: ExportFormat | "zip", date: string, index?: number): string {
  const suffix = index === undefined ? "" : `-${String(index).padStart(3, "0")}`;
  return `channels-${date}${suffix}.${format}`;
}

export async function writeExportArchive(
  input: ExportArchiveInput,
  sink: (chunk: Buffer) => Promise<void>,
): Promise<ExportArchiveResult> {
  const { format, date, totalRows } = input;
  if (!Number.isInteger(totalRows) || totalRows < 1 || totalRows > EXPORT_MAX_ROWS) {
    throw new Error(`An export has 1 to ${EXPORT_MAX_ROWS} records; totalRows was ${totalRows}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`The export date must be YYYY-MM-DD; it was "${date}"`);
  if (format !== "xlsx" && format !== "csv") throw new Error(`Unknown export format "${String(format)}"`);

  const columns = exportColumns(input.labels);
  const render = (records: ExportChannelRecord[]) => renderFile(format, columns, records, input.labels.sheetName);
  const reader = new RecordReader(input.batches, totalRows);
  const out = new ChunkWriter(sink);
  const fileCount = Math.ceil(totalRows / EXPORT_ROWS_PER_FILE);
  let failed = true;
  try {
    if (fileCount === 1) {
      const records = await reader.take(totalRows);
      await reader.expectEnd();
      await out.write(await render(records));
      await out.end();
      await input.onProgress?.(totalRows);
      failed = false;
      return { fileName: exportFileName(format, date), contentType: EXPORT_CONTENT_TYPES[format], fileCount, rows: totalRows, bytes: out.bytes };
    }
    const zip = new ZipWriter((chunk) => out.write(chunk));
    for (let index = 1; index <= fileCount; index++) {
      const records = await reader.take(Math.min(EXPORT_ROWS_PER_FILE, totalRows - reader.seen));
      if (index === fileCount) await reader.expectEnd();
      const data = await render(records);
      // An xlsx is compressed already: storing it costs nothing; csv text shrinks many times.
      const compressionLevel = format === "csv" ? CSV_COMPRESSION_LEVEL : 0;
      await zip.add({ name: exportFileName(format, date, index), data, compressionLevel });
      await input.onProgress?.(reader.seen);
    }
    await zip.finish();
    await out.end();
    failed = false;
    return { fileName: exportFileName("zip", date), contentType: EXPORT_CONTENT_TYPES.zip, fileCount, rows: totalRows, bytes: out.bytes };
  } finally {
    // Lets the row source close its cursor when the export stops early. A failure to close must
    // not hide the error that stopped the export.
    await reader.close().catch((error: unknown) => {
      if (!failed) throw error;
    });
  }
}

function renderFile(
  format: ExportFormat,
  columns: readonly ExportColumn[],
  records: ExportChannelRecord[],
  sheetName: string,
): Promise<Buffer> {
  return format === "xlsx" ? writeXlsxFile(columns, records, sheetName) : Promise.resolve(writeCsvFile(columns, records));
}

/** Regroups batches of any size into runs of the requested length, counting what it has seen. */
class RecordReader {
  seen = 0;
  private readonly iterator: AsyncIterator<ExportChannelRecord[]>;
  private batch: ExportChannelRecord[] = [];
  private offset = 0;

  constructor(
    batches: AsyncIterable<ExportChannelRecord[]>,
    private readonly totalRows: number,
  ) {
    this.iterator = batches[Symbol.asyncIterator]();
  }

  async take(count: number): Promise<ExportChannelRecord[]> {
    const records: ExportChannelRecord[] = [];
    while (records.length < count) {
      if (!(await this.fill())) {
        throw new Error(`The export expected ${this.totalRows} records but the source ended after ${this.seen + records.length}`);
      }
      const end = Math.min(this.batch.length, this.offset + count - records.length);
      for (let i = this.offset; i < end; i++) records.push(this.batch[i]!);
      this.offset = end;
    }
    this.seen += records.length;
    return records;
  }

  async expectEnd(): Promise<void> {
    if (await this.fill()) {
      throw new Error(`The export expected ${this.totalRows} records but the source yielded more`);
    }
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }

  /** Whether an unread record is available, fetching batches (skipping empty ones) as needed. */
  private async fill(): Promise<boolean> {
    while (this.offset >= this.batch.length) {
      const next = await this.iterator.next();
      this.batch = next.done ? [] : next.value;
      this.offset = 0;
      if (next.done) return false;
    }
    return true;
  }
}

/** Collects output into fixed-size chunks for the sink, and counts the bytes written. */
class ChunkWriter {
  bytes = 0;
  private chunk = Buffer.allocUnsafe(SINK_CHUNK_BYTES);
  private used = 0;

  constructor(private readonly sink: (chunk: Buffer) => Promise<void>) {}

  async write(data: Buffer): Promise<void> {
    for (let offset = 0; offset < data.length; ) {
      const copied = data.copy(this.chunk, this.used, offset);
      this.used += copied;
      offset += copied;
      if (this.used === SINK_CHUNK_BYTES) await this.flush();
    }
  }

  async end(): Promise<void> {
    if (this.used > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    const full = this.chunk.subarray(0, this.used);
    // A fresh buffer: the sink may still hold on to the one it was given.
    this.chunk = Buffer.allocUnsafe(SINK_CHUNK_BYTES);
    this.used = 0;
    this.bytes += full.length;
    await this.sink(full);
  }
}
