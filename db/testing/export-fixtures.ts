import ExcelJS from "exceljs";
import yauzl from "yauzl";
import type { CurrentUser } from "@/lib/auth/current-user";
import { exportActions, exportRouteHandlers } from "@/lib/exports/handlers";
import { createActionClient } from "@/lib/guard/actions";
import { createRouteClient } from "@/lib/guard/routes";
import type { Db } from "../client";

/** The export actions and route handlers, bound to `user` (null: nobody signed in). */
export function exportClientsFor(db: Db, user: CurrentUser | null) {
  const deps = { getUser: async () => user, getDb: () => db };
  return { actions: exportActions(createActionClient(deps)), routes: exportRouteHandlers(createRouteClient(deps)) };
}

export const exportRequest = (path: string, init: RequestInit = {}) => new Request(`http://console.test${path}`, init);

export const postExport = (body: unknown) =>
  exportRequest("/api/exports", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** The entries of a zip, in order, read back with yauzl. */
export function readZip(buffer: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("no zip"));
      const entries: { name: string; data: Buffer }[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** The first sheet's rows as text, the header row first, read back with exceljs. */
export async function readXlsxRows(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  const columns = sheet.columnCount; // computed over every row on each read: once, not per row
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= columns; column++) {
      const value = row.getCell(column).value;
      cells.push(value === null || value === undefined ? "" : String(value));
    }
    rows.push(cells);
  });
  return rows;
}
