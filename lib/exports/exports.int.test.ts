import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "@/db/client";
import { expireExportFiles, findExportTask } from "@/db/queries/export-tasks";
import { auditLog, exportFileChunks, exportTasks } from "@/db/schema";
import { createTestChannel, type TestChannel } from "@/testing/db/channel-fixtures";
import { exportClientsFor, exportRequest, exportTaskContext, postExport } from "@/testing/db/export-fixtures";
import { createTestTenant, createTestUser } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { seedBulkChannels } from "@/testing/seed/bulk";
import { CHANNEL_VARIANTS } from "@/lib/validations/channels/information";
import { calendarDate } from "./jobs/run-export";
import type { ExportTaskView } from "./task-view";
import { readCsvRows, readXlsxRows, unzipEntries } from "@/testing/export-files";
import { startExportWorker, type ExportWorker } from "./worker";

/*
 * Exports end to end below the browser: the route handlers a signed-in user calls, a real
 * graphile-worker runner on the same database, and the stored file read back with exceljs and
 * yauzl. The tenant B cases try to cross from one tenant to the other.
 */

let t: TestDatabase;
let worker: ExportWorker;
let workerPool: ReturnType<typeof createPool>;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let known: TestChannel[];
let bulkNames: Set<string>;

const SECRET_WORDS = /password|secret|token|\bkey\b|api key|account key/i;

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  // One channel of every variant with secrets we know, to search the files for.
  known = [];
  for (const variant of CHANNEL_VARIANTS) {
    known.push(
      await createTestChannel(t.db, a.admin, variant, {
        secrets: {
          webhookPassword: `whp-known-${variant}-0001`,
          password: `pw-known-${variant}`,
          accountKey: "a".repeat(32),
          authenticationKey: `authkey-known-${variant}`,
          appSecret: "0123456789abcdef0123456789abcdef",
          accessToken: `EAAGknown${variant.replace(/\W/g, "")}token`,
          authToken: "fedcba9876543210fedcba9876543210",
        },
      }),
    );
  }
  const bulk = await seedBulkChannels(t.db, a.tenant.id, 4_500 - known.length, { prerequisites: known[0]!.prerequisites });
  const rows = await t.db.execute<{ name: string }>(sql`select name from channels where tenant_id = ${a.tenant.id}`);
  bulkNames = new Set(rows.rows.map((row) => row.name));
  expect(bulkNames.size).toBe(4_500);
  expect(bulk.count).toBe(4_500 - known.length);
  workerPool = createPool(t.url, { max: 6 });
  worker = await startExportWorker({ pool: workerPool });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await workerPool?.end();
  await t?.close();
});

async function create(user = a.support, body: unknown = {}): Promise<ExportTaskView> {
  const response = await exportClientsFor(t.db, user).routes.create(postExport(body));
  expect(response.status, await response.clone().text()).toBe(202);
  const view = (await response.json()) as ExportTaskView;
  expect(response.headers.get("location")).toBe(`/api/exports/${view.id}`);
  return view;
}

async function waitForEnd(taskId: string, tenantId = a.tenant.id) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const task = await findExportTask(t.db, { tenantId }, taskId);
    if (task && (task.status === "success" || task.status === "failed")) return task;
    if (Date.now() > deadline) throw new Error(`export ${taskId} still ${task?.status} (${task?.processedRows}/${task?.totalRows})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function download(taskId: string, user = a.support) {
  const response = await exportClientsFor(t.db, user).routes.download(exportRequest(`/api/exports/${taskId}/download`), exportTaskContext(taskId));
  return { response, body: response.ok ? Buffer.from(await response.arrayBuffer()) : null };
}


function expectNoSecrets(rows: string[][]) {
  for (const header of rows[0]!) expect(header).not.toMatch(SECRET_WORDS);
  const text = rows.flat().join("\n");
  for (const secret of ["whp-known-", "pw-known-", "authkey-known-", "a".repeat(32), "0123456789abcdef0123456789abcdef", "EAAGknown", "fedcba9876543210"]) {
    expect(text).not.toContain(secret);
  }
}

describe("an export of 4,500 channels", () => {
  it("is three XLSX files of 2,000 / 2,000 / 500 rows in one zip, with every channel once and no secret", async () => {
    const created = await create(a.support, { format: "xlsx" });
    expect(created).toMatchObject({ status: "queued", format: "xlsx", totalRows: 4_500, downloadUrl: null });
    const task = await waitForEnd(created.id);
    expect(task.status).toBe("success");

    const status = await exportClientsFor(t.db, a.support).routes.status(exportRequest(`/api/exports/${created.id}`), exportTaskContext(created.id));
    expect(await status.json()).toMatchObject({ status: "success", percent: 100, processedRows: 4_500, fileCount: 3 });

    const { response, body } = await download(created.id);
    expect(response.status).toBe(200);
    const date = calendarDate(task.createdAt, "UTC");
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toContain(`filename="channels-${date}.zip"`);
    expect(Number(response.headers.get("content-length"))).toBe(body!.length);

    const entries = [...(await unzipEntries(body!))].map(([name, entry]) => ({ name, data: entry.data }));
    expect(entries.map((entry) => entry.name)).toEqual([1, 2, 3].map((n) => `channels-${date}-00${n}.xlsx`));
    const sheets = await Promise.all(entries.map((entry) => readXlsxRows(entry.data)));
    expect(sheets.map((rows) => rows.length - 1)).toEqual([2_000, 2_000, 500]);
    const nameColumn = sheets[0]![0]!.indexOf("Channel name");
    expect(nameColumn).toBeGreaterThanOrEqual(0);
    const names = sheets.flatMap((rows) => rows.slice(1).map((row) => row[nameColumn]!));
    expect(new Set(names).size).toBe(4_500);
    expect(new Set(names)).toEqual(bulkNames);
    // In name order across the files, as the database's collation orders them (the channel list's order).
    const ordered = await t.db.execute<{ name: string }>(sql`select name from channels where tenant_id = ${a.tenant.id} order by lower(name), id`);
    expect(names).toEqual(ordered.rows.map((row) => row.name));
    for (const rows of sheets) expectNoSecrets(rows);
  }, 120_000);

  it("is three CSV files of 2,000 / 2,000 / 500 rows in one zip", async () => {
    const created = await create(a.admin, { format: "csv" });
    const task = await waitForEnd(created.id);
    expect(task.status).toBe("success");
    const { response, body } = await download(created.id, a.admin);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const date = calendarDate(task.createdAt, "UTC");
    const entries = [...(await unzipEntries(body!))].map(([name, entry]) => ({ name, data: entry.data }));
    expect(entries.map((entry) => entry.name)).toEqual([1, 2, 3].map((n) => `channels-${date}-00${n}.csv`));
    const files = entries.map((entry) => readCsvRows(entry.data));
    expect(files.map((rows) => rows.length - 1)).toEqual([2_000, 2_000, 500]);
    const nameColumn = files[0]![0]!.indexOf("Channel name");
    expect(new Set(files.flatMap((rows) => rows.slice(1).map((row) => row[nameColumn]!)))).toEqual(bulkNames);
    for (const rows of files) expectNoSecrets(rows);
  }, 120_000);
});

describe("what is exported", () => {
  it("exports only the selected channels, as one file without a zip", async () => {
    const selected = known.slice(0, 3);
    const created = await create(a.support, { channelIds: selected.map((channel) => channel.id) });
    expect(created.totalRows).toBe(3);
    const task = await waitForEnd(created.id);
    const { response, body } = await download(created.id);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toContain(`filename="channels-${calendarDate(task.createdAt, "UTC")}.xlsx"`);
    const rows = await readXlsxRows(body!);
    const nameColumn = rows[0]!.indexOf("Channel name");
    expect(rows.slice(1).map((row) => row[nameColumn]).sort()).toEqual(selected.map((channel) => channel.name).sort());
    expectNoSecrets(rows);
  }, 60_000);

  it("exports every channel matching the list's filters when none is selected", async () => {
    const created = await create(a.support, { format: "csv", filters: { q: known[1]!.name } });
    expect(created.totalRows).toBe(1);
    await waitForEnd(created.id);
    const { body } = await download(created.id);
    const rows = readCsvRows(body!);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(known[1]!.name);
  }, 60_000);

  it("refuses a selection that matches nothing, and never exports another tenant's channels", async () => {
    const response = await exportClientsFor(t.db, b.admin).routes.create(postExport({ channelIds: known.map((channel) => channel.id) }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("exports.errors.nothingToExport");
    // Ticked channels are counted as they are stored: the refusal undoes the task and its ticked rows (and its job with them).
    const left = await t.db.execute<{ n: number }>(
      sql`select (select count(*) from export_tasks where tenant_id = ${b.tenant.id})
        + (select count(*) from export_task_channels where tenant_id = ${b.tenant.id}) as n`,
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});

describe("bad requests", () => {
  const cases: [string, RequestInit, number, string][] = [
    ["malformed JSON", { body: "{format:" }, 400, "errors.invalidJson"],
    ["an unknown format", { body: JSON.stringify({ format: "pdf" }) }, 400, "validation"],
    ["a channel id that is not one", { body: JSON.stringify({ channelIds: ["1; drop table channels"] }) }, 400, "validation"],
    ["an unknown filter value", { body: JSON.stringify({ filters: { provider: "smoke-signals" } }) }, 400, "validation"],
    ["a body over 5 MiB", { body: JSON.stringify({ channelIds: [], pad: "x".repeat(5 * 1024 * 1024) }) }, 413, "errors.bodyTooLarge"],
  ];
  it.each(cases)("%s is refused with a reason", async (_name, init, status, code) => {
    const response = await exportClientsFor(t.db, a.admin).routes.create(exportRequest("/api/exports", { method: "POST", headers: { "content-type": "application/json" }, ...init }));
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toEqual(expect.any(String));
  });

  it("names the field that is wrong", async () => {
    const response = await exportClientsFor(t.db, a.admin).routes.create(postExport({ format: "pdf" }));
    expect((await response.json()).error.fields).toHaveProperty("format");
  });

  it("answers 404 for a malformed task id", async () => {
    const response = await exportClientsFor(t.db, a.admin).routes.status(exportRequest("/api/exports/not-a-uuid"), exportTaskContext("not-a-uuid"));
    expect(response.status).toBe(404);
  });
});

describe("who may export and download", () => {
  let taskId: string;
  beforeAll(async () => {
    taskId = (await create(a.support, { channelIds: [known[0]!.id] })).id;
    await waitForEnd(taskId);
  }, 60_000);

  it("hides a task from another tenant: status, download and list", async () => {
    const other = exportClientsFor(t.db, b.support).routes;
    expect((await other.status(exportRequest(`/api/exports/${taskId}`), exportTaskContext(taskId))).status).toBe(404);
    expect((await other.download(exportRequest(`/api/exports/${taskId}/download`), exportTaskContext(taskId))).status).toBe(404);
    const list = await (await other.list(exportRequest("/api/exports"))).json();
    expect(list.items.map((item: ExportTaskView) => item.id)).not.toContain(taskId);
    const own = await (await exportClientsFor(t.db, a.admin).routes.list(exportRequest("/api/exports"))).json();
    expect(own.items.map((item: ExportTaskView) => item.id)).toContain(taskId);
  });

  it("refuses the signed-out (401) and system administrators (403)", async () => {
    const sysadmin = await createTestUser(t.db, { role: "system_admin", tenantId: null });
    expect((await exportClientsFor(t.db, null).routes.download(exportRequest(`/api/exports/${taskId}/download`), exportTaskContext(taskId))).status).toBe(401);
    expect((await exportClientsFor(t.db, sysadmin).routes.download(exportRequest(`/api/exports/${taskId}/download`), exportTaskContext(taskId))).status).toBe(403);
    expect((await exportClientsFor(t.db, sysadmin).routes.create(postExport({}))).status).toBe(403);
  });

  it("records every download in the audit log", async () => {
    await download(taskId, a.admin);
    await download(taskId, a.support);
    const entries = await t.db
      .select({ actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.action, "export.download"), eq(auditLog.targetId, taskId)));
    expect(entries.map((entry) => entry.actor).sort()).toEqual([a.admin.id, a.support.id].sort());
  });

  it("removes files after their 7 days: the task stays listed as expired and the download answers 410", async () => {
    await t.db.update(exportTasks).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(exportTasks.id, taskId));
    expect((await download(taskId)).response.status).toBe(410);
    expect(await expireExportFiles(t.db)).toBeGreaterThanOrEqual(1);
    const chunks = await t.db.select().from(exportFileChunks).where(eq(exportFileChunks.taskId, taskId));
    expect(chunks).toHaveLength(0);
    const view = await (await exportClientsFor(t.db, a.support).routes.status(exportRequest(`/api/exports/${taskId}`), exportTaskContext(taskId))).json();
    expect(view).toMatchObject({ status: "expired", downloadUrl: null });
  });
});

describe("limits", () => {
  it("refuses more than 100,000 channels, saying how many matched", async () => {
    const c = await createTestTenant(t.db);
    const template = await createTestChannel(t.db, c.admin, "telegram");
    // Copies of one valid channel, made in SQL: the count is what this test is about.
    await t.db.execute(sql`
      insert into channels (tenant_id, name, channel_type, provider, status, settings, secrets, api_app_id, ou_id, skill_queue_id,
                            work_time, webhook_key)
      select tenant_id, 'copy_' || n, channel_type, provider, status, settings, '{}'::jsonb, api_app_id, ou_id, skill_queue_id,
             work_time, md5(random()::text || n)
      from channels, generate_series(1, 100000) as n where id = ${template.id}`);
    const response = await exportClientsFor(t.db, c.support).routes.create(postExport({ filters: { provider: "telegram" } }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: "exports.errors.tooMany", values: { count: 100_001, max: 100_000 } });
    expect(body.error.message).toContain("100,001 channels match");
    // Narrowed by a search, the same tenant can export.
    expect((await exportClientsFor(t.db, c.support).routes.create(postExport({ filters: { q: "copy_9999" } }))).status).toBe(202);
  }, 120_000);

  it("allows 10 waiting exports per tenant and refuses the 11th with 429", async () => {
    const d = await createTestTenant(t.db);
    const channel = await createTestChannel(t.db, d.admin, "twilio");
    // Ten tasks already running (rows without jobs, so the test's worker leaves them be).
    await t.db.insert(exportTasks).values(
      Array.from({ length: 10 }, () => ({
        tenantId: d.tenant.id,
        createdByEmail: d.support.email,
        format: "xlsx" as const,
        locale: "en",
        selection: { kind: "selected" as const, channelIds: [channel.id] },
        status: "running" as const,
        totalRows: 1,
      })),
    );
    const response = await exportClientsFor(t.db, d.support).routes.create(postExport({ channelIds: [channel.id] }));
    expect(response.status).toBe(429);
    expect((await response.json()).error.values).toEqual({ max: 10 });
  }, 60_000);
});
