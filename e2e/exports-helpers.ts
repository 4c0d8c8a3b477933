import { readFile } from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
import { loadWorkbook, worksheetRows } from "../testing/export-files";
import { expect, waitForHydration } from "./fixtures";

/*
 * The export flow as a person sees it: the channel list's Export toolbar, the task on /exports,
 * and the downloaded file read back as a table of strings (header row first).
 */

/** A header that names a secret: "Password", "App secret", "Access token", "Account key"… ("Keywords" is not one). */
export const SECRET_HEADER = /\b(passwords?|secrets?|tokens?|keys?)\b/i;

export const exportToolbar = (page: Page) => page.getByRole("region", { name: "Export channels" });

/** Starts an export from the list's toolbar and answers the queued task's id (from the confirmation's link). */
export async function startExport(page: Page, format: "XLSX (Excel)" | "CSV", expectedCount: number): Promise<string> {
  const toolbar = exportToolbar(page);
  const button = toolbar.getByRole("button", { name: "Export", exact: true });
  await waitForHydration(button);
  const formatSelect = toolbar.getByLabel("Format", { exact: true });
  if ((await formatSelect.inputValue()) !== (format === "CSV" ? "csv" : "xlsx")) await formatSelect.selectOption({ label: format });
  await button.click();
  const queued = toolbar.getByTestId("export-queued");
  await expect(queued).toContainText(`Export of ${expectedCount} channel${expectedCount === 1 ? "" : "s"} queued.`);
  const link = queued.getByRole("link", { name: "Follow it on the Exports page", exact: true });
  const href = (await link.getAttribute("href")) ?? "";
  const match = /^\/exports#task-([0-9a-f-]{36})$/.exec(href);
  expect(match, `the confirmation links to its task: ${href}`).not.toBeNull();
  await expect(button).toHaveText("Export");
  return match![1]!;
}

export const taskRow = (page: Page, taskId: string): Locator => page.locator(`[id="task-${taskId}"]`);

/**
 * Waits, without reloading (the page refreshes itself while a task runs), until the task has
 * ended, and expects it to have succeeded (a failure shows its reason in the message).
 */
export async function expectTaskSucceeds(page: Page, taskId: string): Promise<Locator> {
  const row = taskRow(page, taskId);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute("data-status", /^(success|failed|expired)$/, { timeout: 90_000 });
  expect(await row.getAttribute("data-status"), `the task ended as: ${await row.innerText()}`).toBe("success");
  await expect(row.getByTestId("export-status")).toHaveText("Success");
  return row;
}

/** Clicks the row's Download link and answers the file's name and bytes. */
export async function downloadFrom(page: Page, row: Locator): Promise<{ name: string; bytes: Buffer }> {
  const link = row.getByRole("link", { name: /^Download / });
  const [download]: [Download, void] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

/**
 * The first worksheet as rows of cell texts (row 1: the headers), and every text the workbook
 * holds anywhere (all sheets, their names, the document properties) for the secret scan.
 */
export async function readWorkbook(bytes: Buffer): Promise<{ rows: string[][]; texts: string[] }> {
  const workbook = await loadWorkbook(bytes);
  const [first] = workbook.worksheets;
  expect(first, "the workbook has a worksheet").toBeDefined();
  const rowsOf = worksheetRows;
  const texts = [workbook.creator, workbook.lastModifiedBy, workbook.title, workbook.subject, workbook.description, workbook.keywords]
    .filter((text): text is string => typeof text === "string")
    .concat(workbook.worksheets.flatMap((sheet) => [sheet.name, ...rowsOf(sheet).flat()]));
  return { rows: rowsOf(first!), texts };
}

/**
 * The checks both formats share: readable headers with none naming a secret, exactly the expected
 * channels (by the "Channel name" column), and no cell holding any of the known secret values.
 */
export function expectExportedTable(table: string[][], expectedNames: string[], secrets: string[]): void {
  const [headers, ...records] = table;
  expect(headers, "the file has a header row").toBeDefined();
  for (const header of headers!) {
    expect(header.trim(), "every header is readable text").not.toBe("");
    expect(header, `header "${header}" names a secret`).not.toMatch(SECRET_HEADER);
  }
  for (const expected of ["Channel name", "Channel type", "Provider", "Status", "OU", "Skill queue"]) expect(headers).toContain(expected);
  const nameColumn = headers!.indexOf("Channel name");
  expect(records.map((record) => record[nameColumn]).sort()).toEqual([...expectedNames].sort());
  for (const record of records) expect(record.length, "every record has a cell per header").toBeLessThanOrEqual(headers!.length);
  for (const [r, record] of table.entries()) {
    for (const cell of record) {
      for (const secret of secrets) expect(cell.includes(secret), `row ${r + 1} holds a secret value`).toBe(false);
    }
  }
}
