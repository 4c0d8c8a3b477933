import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { seedBulk, seedEachVariant, type SeededChannel, type SeedSecrets } from "./channel-helpers";
import { expect, SUPPORT, TENANT_ADMIN, test, uniqueSuffix, waitForHydration } from "./fixtures";
import { readCsvRows } from "../testing/export-files";
import { downloadFrom, expectExportedTable, expectTaskSucceeds, exportToolbar, readWorkbook, startExport } from "./exports-helpers";

/*
 * Issue 6, end to end: support staff export channels from the channel list (ticked ones as XLSX,
 * or everything a filter matches as CSV), watch the task on /exports reach Success without
 * reloading, download the file and read it back. The channels are saved with known secrets, and
 * no secret may reach the file. They live in the shared Demo tenant: every look-up goes through
 * this run's own channel names.
 */

const hex32 = () => randomBytes(16).toString("hex");
const SECRETS = {
  webhookPassword: `export-canary-webhook-${uniqueSuffix()}`,
  password: `export-canary-password-${uniqueSuffix()}`,
  accountKey: `export-canary-account-key-${uniqueSuffix()}`,
  authenticationKey: `export-canary-auth-key-${uniqueSuffix()}`,
  appSecret: hex32(),
  accessToken: `export-canary-access-token-${uniqueSuffix()}`,
  authToken: hex32(),
} satisfies SeedSecrets;

let channels: Record<SeededChannel["variant"], SeededChannel>;
/** The suffix every channel name of this run ends in: the list's search for them. */
let run: string;
/** Every secret value the seeded channels hold: the given ones, the API app's and the integration tokens. */
let secrets: string[];

test.beforeAll(async () => {
  const seeded = await seedEachVariant(SECRETS);
  channels = Object.fromEntries(seeded.channels.map((channel) => [channel.variant, channel])) as typeof channels;
  run = seeded.channels[0]!.name.split("_").pop()!;
  expect(seeded.channels.every((channel) => channel.name.endsWith(`_${run}`))).toBe(true);
  secrets = [
    ...Object.values(SECRETS),
    seeded.prerequisites.apiApp.appSecret,
    ...seeded.channels.flatMap((channel) => [channel.verifyToken, channel.secretToken].filter((token): token is string => Boolean(token))),
  ];
  for (const secret of secrets) expect(secret.length, "a secret long enough not to occur by chance").toBeGreaterThanOrEqual(16);
});

const rows = (page: Page) => page.getByTestId("channel-row");
const checkbox = (page: Page, name: string) => page.getByRole("checkbox", { name: `Select ${name}`, exact: true });

test("support staff export the ticked channels as XLSX and download the workbook", async ({ signedInPage }) => {
  test.slow();
  const page = await signedInPage(SUPPORT);
  await page.goto(`/channels?q=_${run}`);
  await expect(rows(page)).toHaveCount(6);
  const toolbar = exportToolbar(page);
  await expect(toolbar.getByTestId("export-scope")).toHaveText("all channels matching the current filters (6)");
  await expect(toolbar.getByLabel("Format", { exact: true })).toHaveValue("xlsx");

  // Select all on the page, then narrow down to three by hand.
  const selectAll = page.getByRole("checkbox", { name: "Select all channels on this page", exact: true });
  await waitForHydration(selectAll);
  await selectAll.check();
  await expect(toolbar.getByTestId("export-scope")).toHaveText("6 selected channels");
  await toolbar.getByRole("button", { name: "Clear selection", exact: true }).click();
  await expect(selectAll).not.toBeChecked();
  await expect(toolbar.getByTestId("export-scope")).toHaveText("all channels matching the current filters (6)");
  const chosen = [channels.infobip, channels["other-basic"], channels["cloud-api"]].map((channel) => channel.name);
  for (const name of chosen) await checkbox(page, name).check();
  await expect(toolbar.getByTestId("export-scope")).toHaveText("3 selected channels");
  // Some of the page ticked: the page's box is mixed, not ticked.
  await expect(selectAll).not.toBeChecked();
  expect(await selectAll.evaluate((element) => (element as HTMLInputElement).indeterminate)).toBe(true);

  const taskId = await startExport(page, "XLSX (Excel)", 3);
  await toolbar.getByRole("link", { name: "Follow it on the Exports page", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/exports#task-${taskId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Exports");
  await expect(page.getByRole("main").getByRole("link", { name: "Export channels", exact: true })).toHaveAttribute("href", "/channels");
  await expect(page.getByText("Files can be downloaded for 7 days after an export succeeds; then they are removed.")).toBeVisible();
  await expect(page.getByTestId("export-tasks").getByRole("columnheader")).toHaveText(["Started", "Started by", "Format", "Records", "Status", "File"]);

  const row = await expectTaskSucceeds(page, taskId);
  const cells = row.getByRole("cell");
  await expect(cells.nth(1)).toHaveText(SUPPORT.email);
  await expect(cells.nth(2)).toHaveText("XLSX");
  await expect(cells.nth(3)).toHaveText("3");
  await expect(row.getByTestId("export-expires")).toContainText("Expires");

  const file = await downloadFrom(page, row);
  expect(file.name).toMatch(/\.xlsx$/);
  await expect(row.getByRole("link", { name: `Download ${file.name}`, exact: true })).toBeVisible();
  const workbook = await readWorkbook(file.bytes);
  expectExportedTable(workbook.rows, chosen, secrets);
  for (const text of workbook.texts) for (const secret of secrets) expect(text.includes(secret), "a workbook text holds a secret value").toBe(false);
});

test("a CSV export without ticks takes every channel the list's filters match", async ({ signedInPage }) => {
  test.slow();
  const page = await signedInPage(SUPPORT);
  await page.goto(`/channels?q=_${run}&provider=other`);
  const expected = [channels["other-basic"].name, channels["other-oAuth"].name];
  await expect(rows(page)).toHaveCount(2);
  await expect(exportToolbar(page).getByTestId("export-scope")).toHaveText("all channels matching the current filters (2)");

  const taskId = await startExport(page, "CSV", 2);
  await page.goto("/exports");
  const row = await expectTaskSucceeds(page, taskId);
  await expect(row.getByRole("cell").nth(2)).toHaveText("CSV");
  await expect(row.getByRole("cell").nth(3)).toHaveText("2");

  const file = await downloadFrom(page, row);
  expect(file.name).toMatch(/\.csv$/);
  const text = file.bytes.toString("utf8");
  for (const secret of secrets) expect(text.includes(secret), "the CSV holds a secret value").toBe(false);
  expectExportedTable(readCsvRows(file.bytes), expected, secrets);
});

test("an export of channels deleted meanwhile is refused in words", async ({ signedInPage }) => {
  test.slow();
  const { run: bulkRun, firstName } = await seedBulk(1);
  const name = firstName!;
  expect(name.endsWith(`_${bulkRun}`)).toBe(true);
  const support = await signedInPage(SUPPORT);
  await support.goto(`/channels?q=${encodeURIComponent(name)}`);
  await expect(rows(support)).toHaveCount(1);
  await waitForHydration(checkbox(support, name));
  await checkbox(support, name).check();
  await expect(exportToolbar(support).getByTestId("export-scope")).toHaveText("1 selected channel");

  // A tenant administrator deletes the ticked channel before support staff press Export.
  const admin = await signedInPage(TENANT_ADMIN);
  await admin.goto(`/channels?q=${encodeURIComponent(name)}`);
  const adminRow = rows(admin).filter({ has: admin.getByRole("link", { name, exact: true }) });
  await waitForHydration(adminRow.getByRole("button", { name: `Delete ${name}`, exact: true }));
  await adminRow.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
  await admin.getByRole("dialog", { name: `Delete channel ${name}?` }).getByRole("button", { name: "Delete channel", exact: true }).click();
  await expect(admin.getByText(`Channel ${name} deleted.`)).toBeVisible();

  const toolbar = exportToolbar(support);
  await toolbar.getByRole("button", { name: "Export", exact: true }).click();
  await expect(toolbar.getByRole("alert")).toHaveText("No channel matches this selection, so there is nothing to export.");
  await expect(toolbar.getByTestId("export-queued")).toHaveCount(0);
  await expect(toolbar.getByRole("button", { name: "Export", exact: true })).toBeEnabled();
});
