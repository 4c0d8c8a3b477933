import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { EmbeddedStartError, explainPostgresExit, type ExitContext } from "./embedded-errors";
import { ownFolder, type Layout } from "./embedded-layout";

export interface ServerOptions extends ExitContext {
  layout: Layout;
  password: string;
  onLog: (line: string) => void;
}

const READY = "database system is ready to accept connections";
const START_TIMEOUT_MS = 60_000;

/**
 * What PostgreSQL gets of our environment: the locale (initdb takes the cluster's encoding from
 * it) and PATH. Not the rest: it runs as another user, and our environment may hold the keys.
 */
function postgresEnv(): Record<string, string> {
  const keep = ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "LC_COLLATE", "TZ"];
  const env = Object.fromEntries(keep.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
  // English messages: explainPostgresExit reads them.
  return { ...env, LC_MESSAGES: "C" };
}

function run(options: ServerOptions, binary: string, args: string[]): ChildProcess {
  const { runAs } = options.layout;
  return spawn(path.join(options.layout.binDir, binary), args, {
    ...(runAs ?? {}),
    // Our working folder may be one the postgres user cannot enter.
    cwd: "/",
    env: postgresEnv() as NodeJS.ProcessEnv, // Next types NODE_ENV as required; PostgreSQL needs none
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Creates the cluster with a superuser `postgres` whose password only the data folder's owner can read. */
export async function initCluster(options: ServerOptions): Promise<void> {
  const { pgdata, runAs } = options.layout;
  ownFolder(pgdata, runAs);
  // initdb reads the password from a file; it sits beside the cluster, readable by its user alone.
  const passwordFile = path.join(path.dirname(pgdata), `.pg-init-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, options.password + "\n", { mode: 0o600 });
  if (runAs) chownSync(passwordFile, runAs.uid, runAs.gid);
  try {
    const child = run(options, "initdb", [
      `--pgdata=${pgdata}`,
      "--auth=scram-sha-256",
      "--username=postgres",
      `--pwfile=${passwordFile}`,
      "--lc-messages=C",
    ]);
    const { code, output } = await finished(child, options.onLog);
    if (code !== 0) {
      const reason = output.trim().split("\n").filter(Boolean).at(-1) ?? `exit code ${code}`;
      throw new EmbeddedStartError(
        "failed",
        `creating the embedded PostgreSQL cluster in ${options.dataDir} failed (${reason}): fix that, or set CONSOLE_DATA_DIR to another folder.`,
      );
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export interface RunningPostgres {
  stop(): Promise<void>;
}

/** Starts the postmaster and resolves once it accepts connections; rejects with the reason it gave up. */
export function startPostgres(options: ServerOptions): Promise<RunningPostgres> {
  const child = run(options, "postgres", ["-D", options.layout.pgdata, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1"]);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT"); // fast shutdown: roll back open transactions, then a clean stop
    const timer = setTimeout(() => child.kill("SIGQUIT"), 30_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      void stop();
      settle(() => reject(new EmbeddedStartError("failed", `the embedded PostgreSQL in ${options.dataDir} did not start within ${START_TIMEOUT_MS / 1000} s: start again, and if it repeats look for a stuck postgres process.`)));
    }, START_TIMEOUT_MS);
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
    };
    // Keep reading after start-up: a full pipe would block PostgreSQL on its next log line.
    child.stdout?.on("data", (chunk: Buffer) => options.onLog(chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      options.onLog(text);
      if (settled) return;
      stderr += text;
      if (stderr.includes(READY)) settle(() => resolve({ stop }));
    });
    child.once("error", (error) => settle(() => reject(new EmbeddedStartError("failed", `the embedded PostgreSQL could not be run (${error.message}): run npm install again.`))));
    child.once("exit", () => settle(() => reject(explainPostgresExit(stderr, options))));
  });
}

/** Creates the application database when it is missing (also after a first start cut short). */
export async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await admin.query(`create database ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
}

function finished(child: ChildProcess, onLog: (line: string) => void): Promise<{ code: number | null; output: string }> {
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output += text;
    onLog(text);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return new Promise((resolve) => {
    child.once("error", (error) => resolve({ code: -1, output: output + error.message }));
    child.once("close", (code) => resolve({ code, output }));
  });
}
