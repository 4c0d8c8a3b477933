import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import type { ExportChannelRecord } from "@/lib/exports/record";

/** A plausible export record for tests: number `i` varies the name and phone number. */
export function exportRecord(i = 0, overrides: Partial<ExportChannelRecord> = {}): ExportChannelRecord {
  return {
    name: `channel_${i}`,
    channelType: "whatsapp",
    provider: "infobip",
    verificationMethod: null,
    status: "enabled",
    phoneNumber: `+49151${String(10_000_000 + i)}`,
    ou: "Sales / EMEA",
    skillQueue: "Support DE",
    transferKeywords: ["agent", "human"],
    workTime: {
      workday: [
        { start: "09:00", end: "12:00" },
        { start: "13:00", end: "18:00" },
      ],
      nonWorkday: [{ start: "10:00", end: "14:00" }],
    },
    nonWorkingNotice: "We are closed, back at 09:00.",
    lastAgentMode: true,
    noCustomerReply: { enabled: true, minutes: 30, message: "Closing this chat." },
    noAgentReply: { enabled: true, minutes: 5, skillQueue: "Escalations" },
    sessionTransfer: { enabled: true, skillQueues: ["Billing", "Tech"] },
    offlineMessages: false,
    robotEnabled: true,
    robotName: "HelpBot",
    robotAssistantEnabled: false,
    createdAt: new Date("2026-01-15T08:30:05Z"),
    updatedAt: new Date("2026-07-01T22:00:00Z"),
    ...overrides,
  };
}

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. Throws on anything else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const row: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote === -1) throw new Error("unterminated quoted field");
          field += text.slice(i, quote);
          i = quote + 1;
          if (text[i] !== '"') break;
          field += '"';
          i++;
        }
      } else {
        const end = /[,\r\n"]/.exec(text.slice(i));
        const length = end ? end.index : text.length - i;
        field = text.slice(i, i + length);
        i += length;
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
      }
      row.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text.startsWith("\r\n", i)) {
        i += 2;
        break;
      }
      throw new Error(`expected , or CRLF at ${i}`);
    }
    rows.push(row);
  }
  return rows;
}

export interface UnzippedEntry {
  data: Buffer;
  /** Deflated in the zip (method 8), rather than stored. */
  compressed: boolean;
}

/** Every entry of a zip, in order, each checked against its CRC-32 (yauzl checks the sizes). */
export function unzipEntries(zip: Buffer): Promise<Map<string, UnzippedEntry>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, file) => {
      if (error) return reject(error);
      const entries = new Map<string, UnzippedEntry>();
      file.on("error", reject);
      file.on("end", () => resolve(entries));
      file.on("entry", (entry: yauzl.Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            const data = Buffer.concat(chunks);
            if (crc32(data) !== entry.crc32) return reject(new Error(`CRC-32 mismatch in ${entry.fileName}`));
            entries.set(entry.fileName, { data, compressed: entry.compressionMethod === 8 });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

/** A worksheet's rows as cell texts, the header row first. */
export function worksheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  const columns = sheet.columnCount; // computed over every row on each read: once, not per row
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= columns; column++) cells.push(row.getCell(column).text ?? "");
    rows.push(cells);
  });
  return rows;
}

/** The workbook read back with exceljs (what a person's spreadsheet program would show). */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The first worksheet's rows as cell texts, the header row first. */
export async function readXlsxRows(bytes: Buffer): Promise<string[][]> {
  return worksheetRows((await loadWorkbook(bytes)).worksheets[0]!);
}

/** A CSV file of the export as rows (after its byte-order mark). */
export function readCsvRows(bytes: Buffer): string[][] {
  return parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, ""));
}
