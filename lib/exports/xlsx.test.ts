import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { exportColumns, type ExportColumn } from "./columns";
import { loadExportLabels } from "./labels";
import type { ExportChannelRecord } from "./record";
import { exportRecord, unzipEntries } from "@/testing/export-files";
import { columnLetters, sheetNameFor, writeXlsxFile, xmlCellText, XLSX_MAX_CELL_CHARS } from "./xlsx";

let columns: readonly ExportColumn[];

beforeAll(async () => {
  columns = exportColumns(await loadExportLabels("en", "UTC"));
});

async function readBack(records: ExportChannelRecord[], sheetName = "Channels") {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS types its input as an ArrayBuffer-like "Buffer"; a Node Buffer is what it reads.
  await workbook.xlsx.load((await writeXlsxFile(columns, records, sheetName)) as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

const columnOf = (key: string) => columns.findIndex((column) => column.key === key) + 1;

describe("xmlCellText", () => {
  it("escapes markup and keeps everything XML can carry", () => {
    expect(xmlCellText(`<b>"Tom" & 'Jerry'</b>`)).toBe(`&lt;b&gt;"Tom" &amp; 'Jerry'&lt;/b&gt;`);
    expect(xmlCellText("tab\tline\nreturn\r 谢谢 👋 \u00e9")).toBe("tab\tline\nreturn\r 谢谢 👋 \u00e9");
  });

  it("drops characters XML 1.0 forbids", () => {
    expect(xmlCellText("a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh")).toBe("abcdefgh");
    expect(xmlCellText("lone \uD800 high, lone \uDC00 low, pair \uD83D\uDC4B")).toBe("lone  high, lone  low, pair 👋");
    expect(xmlCellText("\uDC00\uD800")).toBe("");
  });

  it("caps a text at Excel's limit without splitting a surrogate pair", () => {
    expect(xmlCellText("x".repeat(XLSX_MAX_CELL_CHARS + 10))).toHaveLength(XLSX_MAX_CELL_CHARS);
    const emoji = "x".repeat(XLSX_MAX_CELL_CHARS - 1) + "👋";
    expect(xmlCellText(emoji)).toBe("x".repeat(XLSX_MAX_CELL_CHARS - 1));
    expect(xmlCellText("&".repeat(XLSX_MAX_CELL_CHARS + 1))).toBe("&amp;".repeat(XLSX_MAX_CELL_CHARS));
  });
});

describe("helpers", () => {
  it("names columns like a spreadsheet", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("makes a name Excel accepts for a sheet", () => {
    expect(sheetNameFor("Channels")).toBe("Channels");
    expect(sheetNameFor("a/b\\c?d*e[f]g:h")).toBe("a b c d e f g h");
    expect(sheetNameFor("'quoted'")).toBe("quoted");
    expect(sheetNameFor("x".repeat(40))).toHaveLength(31);
    expect(sheetNameFor("  ")).toBe("Sheet1");
  });
});

describe("writeXlsxFile", () => {
  it("writes one sheet: bold frozen header, autofilter, widths, a row per record", async () => {
    const sheet = await readBack([exportRecord(0), exportRecord(1, { provider: "twilio" })]);
    expect(sheet.name).toBe("Channels");
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([undefined, ...columns.map((column) => column.header)]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1, topLeftCell: "A2" });
    expect(sheet.autoFilter).toBe("A1:AA3");
    expect(sheet.getColumn(1).width).toBe(24);
    expect(sheet.getColumn(columnOf("noCustomerReplyEnabled")).width).toBeGreaterThanOrEqual("Session end due to no customer reply".length);
    expect(sheet.getRow(3).getCell(columnOf("provider")).value).toBe("Twilio");
  });

  it("writes minutes as numbers and switched-off options as empty cells", async () => {
    const sheet = await readBack([exportRecord(0), exportRecord(1, { noAgentReply: { enabled: false, minutes: 9, skillQueue: "Q" } })]);
    const minutes = sheet.getRow(2).getCell(columnOf("noCustomerReplyMinutes"));
    expect(minutes.type).toBe(ExcelJS.ValueType.Number);
    expect(minutes.value).toBe(30);
    expect(sheet.getRow(3).getCell(columnOf("noAgentReplyMinutes")).type).toBe(ExcelJS.ValueType.Null);
    expect(sheet.getRow(3).getCell(columnOf("noAgentReplyQueue")).value).toBeNull();
    expect(sheet.getRow(2).getCell(columnOf("phoneNumber")).value).toBe("+4915110000000");
    expect(sheet.getRow(2).getCell(columnOf("createdAt")).value).toBe("2026-01-15 08:30:05");
  });

  it("round-trips XML-hostile text and removes what XML cannot carry", async () => {
    const sheet = await readBack([
      exportRecord(0, {
        name: `<script>&amp;"'</script>`,
        nonWorkingNotice: "Line one\nline two\ttabbed 谢谢 Спасибо 👋",
        ou: "  padded  ",
        skillQueue: "bell\u0007 and \uD800 lone",
        robotName: "=1+1",
      }),
    ]);
    const cell = (key: string) => sheet.getRow(2).getCell(columnOf(key)).value;
    expect(cell("name")).toBe(`<script>&amp;"'</script>`);
    expect(cell("nonWorkingNotice")).toBe("Line one\nline two\ttabbed 谢谢 Спасибо 👋");
    expect(cell("ou")).toBe("  padded  ");
    expect(cell("skillQueue")).toBe("bell and  lone");
    // An inline string is never evaluated, so no formula neutralising is needed here.
    expect(cell("robotName")).toBe("=1+1");
    expect(sheet.getRow(2).getCell(columnOf("robotName")).type).toBe(ExcelJS.ValueType.String);
  });

  it("caps an over-long text at 32,767 characters", async () => {
    const sheet = await readBack([exportRecord(0, { nonWorkingNotice: "y".repeat(40_000) })]);
    expect(sheet.getRow(2).getCell(columnOf("nonWorkingNotice")).value).toBe("y".repeat(XLSX_MAX_CELL_CHARS));
  });

  it("writes a row longer than its whole encoding buffer", async () => {
    const long = (c: string) => c.repeat(XLSX_MAX_CELL_CHARS);
    const huge = exportRecord(0, {
      ou: long("o"),
      skillQueue: long("s"),
      nonWorkingNotice: long("€"), // 3 UTF-8 bytes each
      noCustomerReply: { enabled: true, minutes: 1, message: long("m") },
      robotName: long("r"),
      transferKeywords: [long("k")],
    });
    const sheet = await readBack([exportRecord(1), huge, exportRecord(2)]);
    const row = sheet.getRow(3);
    expect(row.getCell(columnOf("ou")).value).toBe(long("o"));
    expect(row.getCell(columnOf("nonWorkingNotice")).value).toBe(long("€"));
    expect(row.getCell(columnOf("robotName")).value).toBe(long("r"));
    expect(sheet.getRow(4).getCell(1).value).toBe("channel_2");
  });

  it("writes 2,000 rows, the sheet XML reaching zlib in several chunks", async () => {
    const records = Array.from({ length: 2000 }, (_, i) => exportRecord(i, { nonWorkingNotice: i % 500 === 0 ? "z".repeat(30_000) : "short" }));
    const sheet = await readBack(records);
    expect(sheet.rowCount).toBe(2001);
    expect(sheet.getRow(2001).getCell(1).value).toBe("channel_1999");
    expect(sheet.getRow(1502).getCell(columnOf("nonWorkingNotice")).value).toBe("z".repeat(30_000));
    expect(sheet.autoFilter).toBe("A1:AA2001");
  });

  it("uses the sheet name it is given, made safe, and a header-only sheet for no records", async () => {
    const sheet = await readBack([], `Kanäle & "Co" [2026]`);
    expect(sheet.name).toBe(`Kanäle & "Co"  2026`);
    expect(sheet.rowCount).toBe(1);
  });

  it("is a well-formed package: the parts a reader needs, sheet XML deflated", async () => {
    const entries = await unzipEntries(await writeXlsxFile(columns, [exportRecord(0)], "Channels"));
    expect([...entries.keys()].sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    const sheet = entries.get("xl/worksheets/sheet1.xml")!;
    expect(sheet.compressed).toBe(true);
    expect(sheet.data.toString("utf8")).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n<worksheet /);
    expect(sheet.data.toString("utf8")).toContain('<c r="A2" t="inlineStr"><is><t>channel_0</t></is></c>');
  });
});
