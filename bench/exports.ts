/**
 * Channel exports at 100,000 channels (issues 6 and 14): wall time and peak memory of a real export,
 * from the POST /api/exports route handler to the finished file, run by `npm run worker` in a process
 * of its own and picked up by graphile-worker, beside a baseline measured in the same run
 * (exports-baseline.ts), and 100,000 ticked channels beside the same rows by filter.
 * See bench/README.md. Usage: npm run bench:exports
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { createDb, createPool } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { findExportTask } from "@/db/queries/export-tasks";
import { createTenant } from "@/db/queries/tenants";
import { channels, exportTasks, users } from "@/db/schema";
import { exportClientsFor, exportRequest } from "@/testing/db/export-fixtures";
import { createTestUser } from "@/testing/db/fixtures";
import { seedBulkChannels } from "@/testing/seed/bulk";
import { generateKey } from "@/lib/crypto/secrets";
import { DEFAULT_EXPORT_LIMITS } from "@/lib/exports/limits";
import type { ExportFormat } from "@/lib/exports/record";
import type { ExportTaskView } from "@/lib/exports/task-view";
import { BASELINE_TABLES, copyBaseline } from "./exports-baseline";
import { log, openBenchDatabase, startBenchRun } from "./harness";
import { percentile, round, table } from "./measure";

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CHANNELS = env("BENCH_CHANNELS", 100_000);
const SMALL = env("BENCH_SMALL_CHANNELS", 10_000);
const ROUNDS = env("BENCH_ROUNDS", 3);
const PG_PORT = env("BENCH_PG_PORT", 55_640);
const TIME_LIMIT_MS = env("BENCH_TIME_LIMIT_MINUTES", 30) * 60_000;
const RESULTS_FILE = path.join(import.meta.dirname, "results", "exports.json");
const GOALS = { seconds: 8, peakRssMb: 350, ratio: 4, tickedToFiltered: 2 };

const run = startBenchRun(TIME_LIMIT_MS);

interface Sample {
  ms: number;
  bytes: number;
  /** Until the route's 202: body, validation, count, task and ticked rows. */
  firstMs?: number;
  peakRssMb?: number;
  runMs?: number;
}

async function main() {
  process.env.SECRETS_KEY ||= generateKey();
  const database = await openBenchDatabase(run, PG_PORT, "cc-bench-exports");
  log(`database: ${database.embedded ? `embedded PostgreSQL on port ${PG_PORT} (throwaway)` : "DATABASE_URL"}`);
  const pool = createPool(database.url, { max: 4 });
  run.onCleanup(() => pool.end());
  const db = createDb(pool);
  await runMigrations(db);

  const stamp = Date.now().toString(36);
  const tenant = await createTenant(db, { name: `Bench exports ${stamp}` });
  const support = await createTestUser(db, { role: "support", tenantId: tenant.id, tenantName: tenant.name });
  // The route handlers the app binds to the session, bound to the bench's user; each task is removed
  // once measured, so neither the daily nor the storage limit ends a long run.
  const routes = exportClientsFor(db, support, { ...DEFAULT_EXPORT_LIMITS, perTenantPerDay: 100_000 }).routes;
  if (!database.embedded) {
    run.onCleanup(async () => {
      await db.delete(exportTasks).where(eq(exportTasks.tenantId, tenant.id));
      await db.delete(channels).where(eq(channels.tenantId, tenant.id));
      await db.delete(users).where(eq(users.tenantId, tenant.id));
      await pool.query("delete from tenants where id = $1", [tenant.id]);
    });
  }

  log(`seeding ${CHANNELS.toLocaleString("en")} channels with the wizard issue's bulk seed…`);
  const seed = await seedBulkChannels(db, tenant.id, CHANNELS, {
    onProgress: (done, total) => done % 20_000 === 0 && log(`  ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`),
  });
  // Every table the baseline and the exports plan over, not only channels (exports-baseline.ts says why).
  await pool.query(`vacuum (analyze) ${BASELINE_TABLES.join(", ")}`);
  log(`seeded in ${(seed.milliseconds / 1000).toFixed(1)} s`);
  const ids = async (sql: string) => (await pool.query(sql, [tenant.id])).rows.map((row: { id: string }) => row.id);
  const smallIds = await ids(`select id from channels where tenant_id = $1 order by lower(name), id limit ${SMALL}`);
  // Every channel, in no particular order: ticks arrive in the order people click.
  const allIds = await ids("select id from channels where tenant_id = $1 order by random()");

  const baseline = (): Promise<Sample> => copyBaseline(pool, tenant.id);

  const ours = async (format: ExportFormat, channelIds: string[] = []): Promise<Sample> => {
    // The body as the browser sends it (100,000 ids are about 4 MB); serialising it is the browser's time.
    const body = JSON.stringify(channelIds.length ? { format, locale: "en", channelIds } : { format, locale: "en", filters: { q: "" } });
    const worker = await startWorker(database.url);
    let taskId: string | undefined;
    try {
      const started = performance.now();
      const response = await routes.create(exportRequest("/api/exports", { method: "POST", headers: { "content-type": "application/json" }, body }));
      if (response.status !== 202) throw new Error(`POST /api/exports answered ${response.status}: ${await response.text()}`);
      const firstMs = performance.now() - started;
      taskId = ((await response.json()) as ExportTaskView).id;
      for (;;) {
        const current = await findExportTask(db, { tenantId: tenant.id }, taskId);
        if (current?.status === "success") {
          const ms = performance.now() - started;
          const runMs = current.finishedAt!.getTime() - current.startedAt!.getTime();
          return { ms, firstMs, bytes: current.byteSize!, peakRssMb: peakRssMb(worker.pid!), runMs };
        }
        if (current?.status === "failed") throw new Error(`export failed: ${current.errorCode}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await stopWorker(worker);
      if (taskId) await db.delete(exportTasks).where(eq(exportTasks.id, taskId));
    }
  };

  const idle = await startWorker(database.url);
  const idleRss = peakRssMb(idle.pid!);
  await stopWorker(idle);
  log(`worker process at rest: peak RSS ${idleRss} MB`);

  const samples = { baseline: [] as Sample[], xlsx: [] as Sample[], csv: [] as Sample[], small: [] as Sample[], ticked: [] as Sample[] };
  await baseline(); // warm the caches for both sides
  for (let round = 1; round <= ROUNDS; round++) {
    samples.baseline.push(await baseline());
    samples.xlsx.push(await ours("xlsx"));
    samples.csv.push(await ours("csv"));
    samples.small.push(await ours("xlsx", smallIds));
    samples.ticked.push(await ours("xlsx", allIds));
    const last = (list: Sample[]) => `${(list.at(-1)!.ms / 1000).toFixed(2)} s`;
    log(
      `round ${round}/${ROUNDS}: baseline ${last(samples.baseline)}, xlsx ${last(samples.xlsx)}, csv ${last(samples.csv)}, ` +
        `${SMALL.toLocaleString("en")} ticked xlsx ${last(samples.small)}, ${CHANNELS.toLocaleString("en")} ticked xlsx ${last(samples.ticked)}`,
    );
  }

  const median = (list: Sample[], pick: (s: Sample) => number | undefined) => {
    const values = list.map(pick).filter((v): v is number => v !== undefined).sort((x, y) => x - y);
    return values.length ? round(percentile(values, 0.5)) : NaN;
  };
  const summary = (label: string, list: Sample[]) => ({
    label,
    medianMs: median(list, (s) => s.ms),
    minMs: round(Math.min(...list.map((s) => s.ms))),
    maxMs: round(Math.max(...list.map((s) => s.ms))),
    firstMs: median(list, (s) => s.firstMs),
    runMs: median(list, (s) => s.runMs),
    peakRssMb: list.some((s) => s.peakRssMb) ? Math.max(...list.map((s) => s.peakRssMb ?? 0)) : null,
    megabytes: round(median(list, (s) => s.bytes) / 1e6),
  });
  const n = (count: number) => count.toLocaleString("en");
  const base = summary(`baseline: COPY … TO STDOUT + zip (${n(CHANNELS)})`, samples.baseline);
  const xlsx = summary(`export xlsx (${n(CHANNELS)})`, samples.xlsx);
  const ticked = summary(`export xlsx (${n(CHANNELS)}, ticked)`, samples.ticked);
  const rows = [base, xlsx, summary(`export csv (${n(CHANNELS)})`, samples.csv), summary(`export xlsx (${n(SMALL)}, ticked)`, samples.small), ticked];
  const ratio = (ms: number) => round(ms / base.medianMs);
  const tickedToFiltered = round(ticked.medianMs / xlsx.medianMs);
  const report = {
    machine: { cpus: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version },
    database: database.embedded ? "embedded PostgreSQL" : "DATABASE_URL",
    channels: CHANNELS,
    rounds: ROUNDS,
    workerIdlePeakRssMb: idleRss,
    entryPoint: "POST /api/exports route handler (JSON body → zod → task) to status success",
    rows: rows.map((row) => ({ ...row, ratioToBaseline: ratio(row.medianMs) })),
    tickedToFiltered,
    goals: GOALS,
  };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + "\n");

  const fmt = (ms: number) => (ms / 1000).toFixed(2);
  console.info(
    "\n" +
      table(
        ["case", "median s", "min s", "max s", "202 s", "run s", "peak RSS MB", "MB", "× baseline"],
        rows.map((row) => [
          row.label,
          fmt(row.medianMs),
          fmt(row.minMs),
          fmt(row.maxMs),
          Number.isNaN(row.firstMs) ? "" : fmt(row.firstMs),
          Number.isNaN(row.runMs) ? "" : fmt(row.runMs),
          row.peakRssMb === null ? "" : String(row.peakRssMb),
          row.megabytes.toFixed(1),
          ratio(row.medianMs).toFixed(2),
        ]),
      ),
  );
  const goals = [
    [`xlsx ≤ ${GOALS.seconds} s`, `${fmt(xlsx.medianMs)} s`, xlsx.medianMs <= GOALS.seconds * 1000],
    [`xlsx peak RSS ≤ ${GOALS.peakRssMb} MB`, `${xlsx.peakRssMb} MB`, (xlsx.peakRssMb ?? Infinity) <= GOALS.peakRssMb],
    [`xlsx ≤ ${GOALS.ratio}× baseline`, `${ratio(xlsx.medianMs).toFixed(2)}×`, ratio(xlsx.medianMs) <= GOALS.ratio],
    [`ticked ≤ ${GOALS.tickedToFiltered}× filtered (xlsx)`, `${tickedToFiltered.toFixed(2)}×`, tickedToFiltered <= GOALS.tickedToFiltered],
  ] as const;
  console.info(
    `\nwall time = from the POST /api/exports route handler (JSON body of ids or filters) to status success seen by polling (10 ms);\n` +
      `202 = until the route answered; run = the worker's own start → finish.\n` +
      `peak RSS = VmHWM of the worker process (at rest: ${idleRss} MB).\n` +
      `ticked ${n(CHANNELS)} / filtered ${n(CHANNELS)} (xlsx, medians): ${tickedToFiltered.toFixed(2)}×\n` +
      `goals: ${goals.map(([goal, value, met]) => `${goal} → ${value} ${met ? "met" : "MISSED"}`).join("; ")}\n` +
      `raw figures: ${path.relative(process.cwd(), RESULTS_FILE)}`,
  );
  if (goals.some(([, , met]) => !met)) process.exitCode = 1;
}

/** `npm run worker`, as one node process (so its memory is the export's, not a launcher's). */
function startWorker(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  run.onCleanup(async () => void (child.exitCode === null && child.kill("SIGKILL")));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("export worker running") && resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** The process's peak resident set (VmHWM) so far, in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

main()
  .then(() => run.finish())
  .catch(async (error: unknown) => {
    console.error(error);
    await run.finish();
    process.exit(1);
  });
