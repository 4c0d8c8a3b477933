import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { exportColumns, type ExportColumn } from "./columns";
import { csvField, writeCsvFile } from "./csv";
import { loadExportLabels } from "./labels";
import { exportRecord, parseCsv } from "@/testing/export-files";

let columns: readonly ExportColumn[];

beforeAll(async () => {
  columns = exportColumns(await loadExportLabels("en", "UTC"));
});

describe("csvField", () => {
  it("quotes only what must be quoted, doubling quotes", () => {
    expect(csvField("plain text")).toBe("plain text");
    expect(csvField("a, b")).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField("")).toBe("");
    expect(csvField(30)).toBe("30");
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("+1+cmd")).toBe("'+1+cmd");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("- bullet")).toBe("'- bullet");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField("\rx")).toBe("\"'\rx\"");
  });

  it("leaves signed plain numbers alone, such as an E.164 phone number", () => {
    expect(csvField("+4915112345678")).toBe("+4915112345678");
    expect(csvField("-42")).toBe("-42");
    expect(csvField("+1.5")).toBe("+1.5");
    expect(csvField("a=b")).toBe("a=b");
  });
});

describe("writeCsvFile", () => {
  it("writes UTF-8 with a BOM, CRLF line ends and a header line", () => {
    const file = writeCsvFile(columns, [exportRecord(0)]);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const [header, row, ...rest] = parseCsv(text.slice(1));
    expect(rest).toEqual([]);
    expect(header).toEqual(columns.map((column) => column.header));
    expect(row![0]).toBe("channel_0");
    expect(row![5]).toBe("+4915110000000");
    expect(row![9]).toBe("09:00–12:00, 13:00–18:00");
    expect(row![14]).toBe("30");
    expect(row![25]).toBe("2026-01-15 08:30:05");
  });

  it("round-trips quotes, commas, line breaks, unicode and neutralised formulas", () => {
    const hostile = exportRecord(1, {
      name: "name_1",
      nonWorkingNotice: 'Closed, "really".\r\nBack at 9 — 谢谢, Спасибо 👋',
      ou: "=cmd|' /C calc'!A0",
      skillQueue: "@queue",
      transferKeywords: ["a,b", 'say "agent"', "-1+1"],
      robotName: " spaced ",
    });
    const [, row] = parseCsv(writeCsvFile(columns, [hostile]).toString("utf8").slice(1));
    const byKey = Object.fromEntries(columns.map((column, i) => [column.key, row![i]]));
    expect(byKey.nonWorkingNotice).toBe('Closed, "really".\r\nBack at 9 — 谢谢, Спасибо 👋');
    expect(byKey.ou).toBe("'=cmd|' /C calc'!A0");
    expect(byKey.skillQueue).toBe("'@queue");
    expect(byKey.transferKeywords).toBe('a,b; say "agent"; -1+1');
    expect(byKey.robotName).toBe(" spaced ");
  });

  it("round-trips any text, neutralising only formula-like starts", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        const [, row] = parseCsv(writeCsvFile(columns, [exportRecord(0, { nonWorkingNotice: text })]).toString("utf8").slice(1));
        const written = row![columns.findIndex((column) => column.key === "nonWorkingNotice")]!;
        const formulaLike = /^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-]\d+(\.\d+)?$/.test(text));
        expect(written).toBe(formulaLike ? `'${text}` : text);
      }),
      { numRuns: 500 },
    );
  });

  it("writes a lone surrogate, which UTF-8 cannot carry, as U+FFFD", () => {
    const [, row] = parseCsv(writeCsvFile(columns, [exportRecord(0, { robotName: "a\uD800b" })]).toString("utf8").slice(1));
    expect(row![columns.findIndex((column) => column.key === "robotName")]).toBe("a\uFFFDb");
  });

  it("writes 2,000 rows and grows past its first buffer for long texts", () => {
    const records = Array.from({ length: 2000 }, (_, i) => exportRecord(i, { nonWorkingNotice: "x".repeat(i === 1999 ? 50_000 : 10) }));
    const rows = parseCsv(writeCsvFile(columns, records).toString("utf8").slice(1));
    expect(rows).toHaveLength(2001);
    expect(rows[2000]![0]).toBe("channel_1999");
    expect(rows[2000]![11]).toHaveLength(50_000);
  });
});
