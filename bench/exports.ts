/**
 * Channel exports at 100,000 channels (issue 6): wall time and peak memory of a real export, run
 * by `npm run worker` in a process of its own and picked up by graphile-worker, beside a baseline
 * measured in the same run: PostgreSQL `COPY … TO STDOUT` of the same channels as CSV, cut into
 * files of 2,000 rows and zipped. See bench/README.md. Usage: npm run bench:exports
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import { to as copyTo } from "pg-copy-streams";
import yazl from "yazl";
import { createDb, createPool } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { findExportTask } from "@/db/queries/export-tasks";
import { createTenant } from "@/db/queries/tenants";
import { channels, exportTasks, users } from "@/db/schema";
import { createTestUser } from "@/testing/db/fixtures";
import type { TenantUser } from "@/lib/guard/guard";
import { seedBulkChannels } from "@/testing/seed/bulk";
import { generateKey } from "@/lib/crypto/secrets";
import { createExportTask } from "@/lib/exports/create-export";
import { EXPORT_ROWS_PER_FILE, type ExportFormat } from "@/lib/exports/record";
import { log, openBenchDatabase, startBenchRun } from "./harness";
import { percentile, round, table } from "./measure";

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CHANNELS = env("BENCH_CHANNELS", 100_000);
const SMALL = env("BENCH_SMALL_CHANNELS", 10_000);
const ROUNDS = env("BENCH_ROUNDS", 3);
const PG_PORT = env("BENCH_PG_PORT", 55_640);
const TIME_LIMIT_MS = env("BENCH_TIME_LIMIT_MINUTES", 30) * 60_000;
const RESULTS_FILE = path.join(import.meta.dirname, "results", "exports.json");
const GOALS = { seconds: 8, peakRssMb: 350, ratio: 4 };

const run = startBenchRun(TIME_LIMIT_MS);

/** The rows an export writes, as COPY writes them: the same channels, columns and joins, as CSV. */
const BASELINE_SQL = `
  copy (
    select c.name, c.channel_type, c.provider, c.verification_method, c.status, c.phone_number,
           o.name as ou, q.name as skill_queue, array_to_string(c.transfer_keywords, '; ') as transfer_keywords,
           c.work_time::text, c.non_working_notice, c.last_agent_mode,
           c.no_customer_reply_enabled, c.no_customer_reply_minutes, c.no_customer_reply_message,
           c.no_agent_reply_enabled, c.no_agent_reply_minutes, nq.name as no_agent_reply_queue,
           c.session_transfer_enabled,
           (select string_agg(tq.name, '; ') from channel_transfer_queues t join skill_queues tq on tq.id = t.skill_queue_id
             where t.tenant_id = c.tenant_id and t.channel_id = c.id) as transfer_queues,
           c.offline_messages_enabled, c.robot_enabled, c.robot_name, c.robot_assistant_enabled,
           c.created_at, c.updated_at
    from channels c
    join ous o on o.tenant_id = c.tenant_id and o.id = c.ou_id
    join skill_queues q on q.tenant_id = c.tenant_id and q.id = c.skill_queue_id
    left join skill_queues nq on nq.tenant_id = c.tenant_id and nq.id = c.no_agent_reply_queue_id
    where c.tenant_id = $TENANT
    order by lower(c.name), c.id
  ) to stdout with (format csv, header)`;

interface Sample {
  ms: number;
  bytes: number;
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
  const support = (await createTestUser(db, { role: "support", tenantId: tenant.id, tenantName: tenant.name })) as TenantUser;
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
  await pool.query("vacuum (analyze) channels");
  log(`seeded in ${(seed.milliseconds / 1000).toFixed(1)} s`);
  const smallIds = (await pool.query(`select id from channels where tenant_id = $1 order by lower(name), id limit ${SMALL}`, [tenant.id])).rows.map(
    (row: { id: string }) => row.id,
  );

  const baseline = async (): Promise<Sample> => {
    const client = await pool.connect();
    const started = performance.now();
    try {
      const zip = new yazl.ZipFile();
      let bytes = 0;
      const counted = pipeline(zip.outputStream, new Writable({ write: (chunk: Buffer, _e, done) => ((bytes += chunk.length), done()) }));
      let lines: string[] = [];
      let header = "";
      let rest = "";
      let file = 0;
      const addFile = () => {
        zip.addBuffer(Buffer.from(header + lines.join("")), `channels-${String(++file).padStart(3, "0")}.csv`);
        lines = [];
      };
      const copy = client.query(copyTo(BASELINE_SQL.replace("$TENANT", `'${tenant.id}'`)));
      // Cut at record ends (a quoted field may hold a newline: count quotes to know).
      let record = "";
      let quotes = 0;
      for await (const chunk of copy) {
        rest += (chunk as Buffer).toString("utf8");
        let newline: number;
        while ((newline = rest.indexOf("\n")) >= 0) {
          const line = rest.slice(0, newline + 1);
          rest = rest.slice(newline + 1);
          record += line;
          quotes += line.split('"').length - 1;
          if (quotes % 2 === 1) continue;
          if (!header) header = record;
          else {
            lines.push(record);
            if (lines.length === EXPORT_ROWS_PER_FILE) addFile();
          }
          record = "";
          quotes = 0;
        }
      }
      if (lines.length) addFile();
      zip.end();
      await counted;
      return { ms: performance.now() - started, bytes };
    } finally {
      client.release();
    }
  };

  const ours = async (format: ExportFormat, channelIds: string[] = []): Promise<Sample> => {
    const worker = await startWorker(database.url);
    try {
      const started = performance.now();
      const task = await createExportTask(db, support, { format, locale: "en", selection: channelIds.length ? { kind: "selected", channelIds } : { kind: "filtered", filters: { q: "" } } });
      for (;;) {
        const current = await findExportTask(db, { tenantId: tenant.id }, task.id);
        if (current?.status === "success") {
          const ms = performance.now() - started;
          return { ms, bytes: current.byteSize!, peakRssMb: peakRssMb(worker.pid!), runMs: current.finishedAt!.getTime() - current.startedAt!.getTime() };
        }
        if (current?.status === "failed") throw new Error(`export failed: ${current.errorCode}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await stopWorker(worker);
    }
  };

  const idle = await startWorker(database.url);
  const idleRss = peakRssMb(idle.pid!);
  await stopWorker(idle);
  log(`worker process at rest: peak RSS ${idleRss} MB`);

  const samples = { baseline: [] as Sample[], xlsx: [] as Sample[], csv: [] as Sample[], small: [] as Sample[] };
  await baseline(); // warm the caches for both sides
  for (let round = 1; round <= ROUNDS; round++) {
    samples.baseline.push(await baseline());
    samples.xlsx.push(await ours("xlsx"));
    samples.csv.push(await ours("csv"));
    samples.small.push(await ours("xlsx", smallIds));
    const last = (list: Sample[]) => `${(list.at(-1)!.ms / 1000).toFixed(2)} s`;
    log(`round ${round}/${ROUNDS}: baseline ${last(samples.baseline)}, xlsx ${last(samples.xlsx)}, csv ${last(samples.csv)}, ${SMALL.toLocaleString("en")} xlsx ${last(samples.small)}`);
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
    runMs: median(list, (s) => s.runMs),
    peakRssMb: list.some((s) => s.peakRssMb) ? Math.max(...list.map((s) => s.peakRssMb ?? 0)) : null,
    megabytes: round(median(list, (s) => s.bytes) / 1e6),
  });
  const rows = [
    summary(`baseline: COPY … TO STDOUT + zip (${CHANNELS.toLocaleString("en")})`, samples.baseline),
    summary(`export xlsx (${CHANNELS.toLocaleString("en")})`, samples.xlsx),
    summary(`export csv (${CHANNELS.toLocaleString("en")})`, samples.csv),
    summary(`export xlsx (${SMALL.toLocaleString("en")}, selected)`, samples.small),
  ];
  const ratio = (ms: number) => round(ms / rows[0]!.medianMs);
  const report = {
    machine: { cpus: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version },
    database: database.embedded ? "embedded PostgreSQL" : "DATABASE_URL",
    channels: CHANNELS,
    rounds: ROUNDS,
    workerIdlePeakRssMb: idleRss,
    rows: rows.map((row) => ({ ...row, ratioToBaseline: ratio(row.medianMs) })),
    goals: GOALS,
  };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + "\n");

  const fmt = (ms: number) => (ms / 1000).toFixed(2);
  console.info(
    "\n" +
      table(
        ["case", "median s", "min s", "max s", "run s", "peak RSS MB", "MB", "× baseline"],
        rows.map((row) => [
          row.label,
          fmt(row.medianMs),
          fmt(row.minMs),
          fmt(row.maxMs),
          Number.isNaN(row.runMs) ? "" : fmt(row.runMs),
          row.peakRssMb === null ? "" : String(row.peakRssMb),
          row.megabytes.toFixed(1),
          ratio(row.medianMs).toFixed(2),
        ]),
      ),
  );
  const xlsx = rows[1]!;
  console.info(
    `\nwall time = from the create call to status success seen by polling (10 ms); run = the worker's own start → finish.\n` +
      `peak RSS = VmHWM of the worker process (at rest: ${idleRss} MB).\n` +
      `goals (xlsx, ${CHANNELS.toLocaleString("en")}): ≤ ${GOALS.seconds} s → ${fmt(xlsx.medianMs)} s ${xlsx.medianMs <= GOALS.seconds * 1000 ? "met" : "MISSED"}; ` +
      `≤ ${GOALS.peakRssMb} MB → ${xlsx.peakRssMb} MB ${(xlsx.peakRssMb ?? Infinity) <= GOALS.peakRssMb ? "met" : "MISSED"}; ` +
      `≤ ${GOALS.ratio}× baseline → ${ratio(xlsx.medianMs).toFixed(2)}× ${ratio(xlsx.medianMs) <= GOALS.ratio ? "met" : "MISSED"}\n` +
      `raw figures: ${path.relative(process.cwd(), RESULTS_FILE)}`,
  );
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
