/**
 * `npm start`: the console on the embedded PostgreSQL (or DATABASE_URL's server), migrated and
 * seeded, building first when there is no build. `npm run dev` does the same with `next dev`.
 * Extra arguments go to the server (`npm start -- -p 4000 -H 127.0.0.1`); PORT, HOST and
 * WEB_CONCURRENCY are honoured. Whatever stops the start prints one line,
 * `[start] cannot start: <what is wrong and what to do>`, and exits with code 1.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import path from "node:path";
import { createDb, createPool } from "@/db/client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { logDatabaseErrors } from "@/lib/log/db-errors";
import { queueLogger } from "@/lib/log/queue-logger";
import { demoAccountsWithPublishedPassword, exposureRefusal } from "@/lib/bootstrap/demo-exposure";
import { firstStartAccounts } from "@/lib/bootstrap/first-start-config";
import { seedFirstStart } from "@/lib/bootstrap/first-start";
import { assertCanListen, isBeyondLoopback, listenOptions, type ListenOptions } from "@/lib/bootstrap/listen-address";
import { localSecrets } from "@/lib/bootstrap/local-secrets";
import { describeStartFailure, StartError } from "@/lib/bootstrap/start-failure";
import { parseKeyringFromEnv } from "@/lib/crypto/secrets";
import { parseExportLimits } from "@/lib/exports/limits";
import { startExportWorker, type ExportWorker } from "@/lib/exports/worker";
import { outboundWorkerSettings, startOutboundWorker } from "@/lib/outbound/send/worker";
import { drainDelayMs, shutdownTimeoutMs, within } from "@/lib/shutdown/timeout";
import { answerCollects, BRIDGE_ENV } from "@/lib/metrics/cluster-bridge.mjs";
import { publishMetricsCollector } from "@/lib/metrics/publish";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
// The workers in this process log as the web processes do: JSON lines under npm start, text under npm run dev.
process.env.LOG_FORMAT ||= dev ? "pretty" : "json";
const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");

// What is running, so that a failure at any point stops it again.
let embedded: EmbeddedDatabase | null = null;
let server: ChildProcess | null = null;
let building: ChildProcess | null = null;
let worker: ExportWorker | null = null;
let started = false;

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const mode = env.DATABASE_URL ? "server" : "embedded";
  const listen = listenOptions(args.filter((arg) => arg !== "--dev"), env, mode);
  if (!dev && listen.rest.length > 0) throw new StartError(`unknown argument "${listen.rest[0]}": npm start takes -p PORT and -H HOSTNAME.`);
  await assertCanListen(listen.port, listen.host);

  if (mode === "server") {
    requireServerSecrets(env);
  } else {
    const dataDir = path.resolve(env.CONSOLE_DATA_DIR || "data");
    const port = Number(env.EMBEDDED_PG_PORT || 54329);
    console.info(`[start] embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || "."} on 127.0.0.1:${port}`);
    embedded = await startEmbeddedPostgres({ dir: dataDir, port });
    reportRelocation(embedded.relocated);
    env.DATABASE_URL = embedded.url;
    Object.assign(env, localSecrets(dataDir, env));
  }
  parseKeyringFromEnv({ SECRETS_KEY: env.SECRETS_KEY, SECRETS_PREVIOUS_KEYS: env.SECRETS_PREVIOUS_KEYS }); // fail now, not on the first secret saved
  parseExportLimits(env); // likewise: a bad limit stops the start, not the first export
  outboundWorkerSettings(env); // and a bad send rate or concurrency, not the first send
  shutdownTimeoutMs(env); // and a bad shutdown deadline, not the first SIGTERM
  drainDelayMs(env);
  await prepareDatabase(env.DATABASE_URL!, env, mode, listen.host);

  if (!dev && !existsSync(path.join(env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    console.info("[start] no build found: running `next build` once");
    await build(env);
  }

  // Production runs Next's handler in one process per core (scripts/serve.mjs); development is `next dev`.
  const where = ["-p", String(listen.port), ...(listen.host ? ["-H", listen.host] : [])];
  // The web processes' /api/ready is ready only while the workers beside them listen (lib/readiness).
  env.CONSOLE_WORKER_APP_NAMES = workerAppNames(env).join(",");
  const [command, commandArgs] = dev
    ? [nextBin, ["dev", ...listen.rest, ...where]]
    : [process.execPath, [path.join("scripts", "serve.mjs"), ...where]];
  // An IPC channel to serve.mjs, so a metrics scrape also sees this process's workers (lib/metrics/cluster-bridge.mjs).
  if (!dev) env[`${BRIDGE_ENV}_PARENT`] = "1";
  const output = env.CONSOLE_LOG_FILE ? "pipe" : "inherit";
  server = spawn(command, commandArgs, { env, stdio: ["inherit", output, output, ...(dev ? [] : ["ipc" as const])] });
  if (!dev) {
    publishMetricsCollector();
    answerCollects(server);
  }
  if (env.CONSOLE_LOG_FILE) teeOutput(server, env.CONSOLE_LOG_FILE);
  server.on("exit", async (code, signal) => {
    await stopAll();
    process.exit(code ?? (signal ? 0 : 1));
  });

  // Exports and sends run here, beside the web processes, unless EXPORT_WORKER / OUTBOUND_WORKER=off (then `npm run worker` elsewhere).
  worker = await startWorker(env);
  started = true;
}

// Once the server runs, a signal is passed to it and its exit stops the rest; before that, it ends the start.
// The workers stop at the same time as the web processes (running jobs finish or, at the deadline, are left for another worker's stale sweep).
const onSignal = (signal: NodeJS.Signals) => {
  if (server) {
    server.kill(signal);
    void stopWorker();
  } else void fail(new StartError(`interrupted by ${signal} while starting: run npm start again.`));
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

/** Migrates, seeds the first accounts, and refuses to expose published demo passwords. */
async function prepareDatabase(url: string, env: NodeJS.ProcessEnv, mode: "embedded" | "server", host: ListenOptions["host"]) {
  logDatabaseErrors();
  const pool = createPool(url, { max: 2 });
  try {
    const db = createDb(pool);
    await runMigrations(db, { queueLogger: queueLogger("queue") });
    const outcome = await seedFirstStart(db, () => firstStartAccounts(env, mode));
    if (outcome === "seeded") console.info("[start] first start: created the first accounts (see README)");
    // With DATABASE_URL no account ever gets the demo password (first-start-config refuses it).
    if (mode === "embedded" && host && (await isBeyondLoopback(host))) {
      const exposed = await demoAccountsWithPublishedPassword(db);
      if (exposed.length > 0) throw new StartError(exposureRefusal(host, exposed));
    }
  } finally {
    await pool.end();
  }
}

function reportRelocation(relocated: EmbeddedDatabase["relocated"]) {
  if (!relocated.binaries && !relocated.cluster) return;
  const parts = [
    relocated.cluster && `its cluster lives in ${relocated.cluster} (the data folder's pg links there)`,
    relocated.binaries && `its binaries run from a copy in ${relocated.binaries}`,
  ].filter(Boolean);
  console.info(`[start] PostgreSQL runs as the postgres user, who cannot reach this folder: ${parts.join("; ")} (README, "Run it")`);
}

function build(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = (building = spawn(nextBin, ["build"], { stdio: "inherit", env }));
    child.once("error", (error) => reject(new StartError(`\`next build\` could not be run (${error.message}): run npm install first.`)));
    child.once("exit", (code, signal) => {
      if (code === 0) return resolve();
      reject(new StartError(signal
        ? `\`next build\` was stopped (${signal}): run npm start again to build.`
        : "`next build` failed (its errors are above): fix them, or run `git status` to see what changed, then run npm start again."));
    });
  });
}

function requireServerSecrets(env: NodeJS.ProcessEnv) {
  const missing = ["AUTH_SECRET", "SECRETS_KEY"].filter((name) => !env[name]);
  if (missing.length) {
    throw new StartError(
      `DATABASE_URL is set, so keys must come from the environment: set ${missing.join(" and ")} (see README, "Configuration").`,
    );
  }
}

/** The pool names of the workers this process runs, by which /api/ready finds their LISTEN connections. */
function workerAppNames(env: NodeJS.ProcessEnv) {
  return [
    ...(env.EXPORT_WORKER !== "off" ? [`channel-console-${process.pid}:exports`] : []),
    ...(env.OUTBOUND_WORKER !== "off" ? [`channel-console-${process.pid}:outbound`] : []),
  ];
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<ExportWorker | null> {
  const runExports = env.EXPORT_WORKER !== "off";
  const runSends = env.OUTBOUND_WORKER !== "off";
  if (!runExports && !runSends) return null;
  // The outbound worker decrypts channel secrets with this process's keyring (lib/crypto/keyring.ts).
  process.env.SECRETS_KEY = env.SECRETS_KEY;
  if (env.SECRETS_PREVIOUS_KEYS) process.env.SECRETS_PREVIOUS_KEYS = env.SECRETS_PREVIOUS_KEYS;
  const exportPool = runExports ? createPool(env.DATABASE_URL!, { max: 5, applicationName: `channel-console-${process.pid}:exports` }) : null;
  const exportWorker = exportPool ? await startExportWorker({ pool: exportPool }) : null;
  // Its own pool: sends are many and short, and must not wait behind an export's connections.
  const settings = outboundWorkerSettings(env);
  const sendPool = runSends ? createPool(env.DATABASE_URL!, { max: settings.concurrency + 3, applicationName: `channel-console-${process.pid}:outbound` }) : null;
  const outboundWorker = sendPool ? await startOutboundWorker({ pool: sendPool, ...settings }) : null;
  return {
    done: Promise.all([exportWorker?.done, outboundWorker?.done]).then(() => {}),
    stop: async () => {
      await Promise.all([exportWorker?.stop(), outboundWorker?.stop()]);
      await Promise.all([exportPool?.end(), sendPool?.end()]);
    },
  };
}

async function stopAll() {
  building?.kill("SIGTERM");
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await stopWorker();
  await embedded?.stop().catch(() => {});
}

let workerStopped: Promise<void> | null = null;
/** Once, bounded by SHUTDOWN_TIMEOUT_MS: a job still running then is abandoned, and its heartbeat going quiet hands it back to the queue. */
function stopWorker(): Promise<void> {
  workerStopped ??= (async () => {
    if (!worker) return;
    if (!(await within(worker.stop(), shutdownTimeoutMs(process.env)))) console.error("[start] workers still busy at SHUTDOWN_TIMEOUT_MS: their jobs go back to the queue");
  })();
  return workerStopped;
}

/** Tests read the server's log to prove that no secret is ever written to it. */
function teeOutput(child: ChildProcess, file: string) {
  const log = createWriteStream(file, { flags: "a" });
  child.stdout?.on("data", (chunk) => (process.stdout.write(chunk), log.write(chunk)));
  child.stderr?.on("data", (chunk) => (process.stderr.write(chunk), log.write(chunk)));
}

let failing = false;
async function fail(error: unknown) {
  if (failing) return;
  failing = true;
  console.error(`[start] ${started ? "stopped" : "cannot start"}: ${describeStartFailure(error)}`);
  await stopAll().catch(() => {});
  process.exit(1);
}
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
main().catch(fail);
