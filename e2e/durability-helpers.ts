import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

/*
 * Processes for e2e/webhook-durability.spec.ts, which owns everything it runs: an embedded
 * PostgreSQL, the seed, and the production server (scripts/serve.mjs); the traffic is in
 * durability-traffic.ts. Every process is registered so the spec's afterAll (and, as a last resort, the
 * worker's exit) ends it: nothing may outlive the run.
 */

const root = path.join(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- Process bookkeeping ----

/** Every process group started here and not yet seen to exit. */
const groups = new Set<ChildProcess>();

// A worker that exits without running afterAll (a crash, Ctrl-C) still takes its processes along.
process.once("exit", () => {
  for (const child of groups) killGroup(child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    // Negative pid: the whole group (children are spawned detached, so each leads its own group).
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

function track(child: ChildProcess): Promise<void> {
  groups.add(child);
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      groups.delete(child);
      return resolve();
    }
    child.once("exit", () => {
      groups.delete(child);
      resolve();
    });
  });
}

function groupAlive(pgid: number): boolean {
  return isAlive(-pgid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Keeps the last `max` characters a process wrote, for failure messages. */
function captureOutput(child: ChildProcess, max = 64 * 1024) {
  let text = "";
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString("utf8")).slice(-max);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => text;
}

// ---- Embedded PostgreSQL ----

export interface TestDatabase {
  url: string;
  dir: string;
  port: number;
  /** PostgreSQL's immediate shutdown (what `pg_ctl stop -m immediate` sends): no checkpoint, sessions cut. */
  crash(): Promise<void>;
  /** A clean stop; safe to call on a database that has crashed or stopped already. */
  stop(): Promise<void>;
}

const databases = new Set<TestDatabase>();

function postmasterPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Starts testing/db/run-embedded.ts (the runner the integration tests use) in a process group of
 * its own. Not startEmbeddedProcess: once the postmaster is killed under it, that runner's clean
 * stop waits for an exit that already happened, so this handle has to be able to kill it outright.
 */
export async function startDatabase(dir: string, port: number): Promise<TestDatabase> {
  const child = spawn(bin("tsx"), ["testing/db/run-embedded.ts", dir, String(port), "console"], {
    cwd: root,
    detached: true,
    // The runner stops PostgreSQL when its stdin closes: when this worker goes away.
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = track(child);
  const output = captureOutput(child);
  const url = await waitFor(`embedded PostgreSQL on port ${port}`, 60_000, () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`embedded PostgreSQL exited early:\n${output()}`);
    return /^READY (\S+)$/m.exec(output())?.[1];
  }).catch((error: unknown) => {
    killGroup(child, "SIGKILL");
    throw error;
  });

  const waitUntilPostmasterGone = (pid: number) =>
    waitFor(`postmaster ${pid} to exit`, 30_000, () => (isAlive(pid) ? undefined : true));

  const database: TestDatabase = {
    url,
    dir,
    port,
    async crash() {
      const pid = postmasterPid(dir);
      if (pid === null) throw new Error(`no postmaster.pid in ${dir}/pg`);
      process.kill(pid, "SIGQUIT");
      await waitUntilPostmasterGone(pid);
      // The runner has nothing left to stop; its own stop would wait forever.
      killGroup(child, "SIGKILL");
      await exited;
      databases.delete(database);
    },
    async stop() {
      const pid = postmasterPid(dir);
      if (pid !== null && isAlive(pid)) {
        child.kill("SIGTERM"); // the runner stops PostgreSQL (fast shutdown) and exits
        await Promise.race([exited, sleep(20_000)]);
        if (isAlive(pid)) {
          process.kill(pid, "SIGQUIT");
          await waitUntilPostmasterGone(pid).catch(() => undefined);
        }
      }
      killGroup(child, "SIGKILL");
      await exited;
      databases.delete(database);
    },
  };
  databases.add(database);
  return database;
}

// ---- Seed ----

export interface SeededCloudChannel {
  tenantId: string;
  channelId: string;
  /** POST target: /api/webhooks/whatsapp-cloud/<channelKey> on the server's base URL. */
  webhookUrl: string;
  phoneNumberId: string;
  appSecret: string;
}

/**
 * A fresh cluster in `dir`, migrated and seeded like `npm start` does (Demo tenant), with one
 * channel of each variant; answers the cloud-api one. The seed CLI starts and stops the embedded
 * database itself, and encrypts the channel secrets with `secretsKey`, the key the server gets.
 */
export async function seedCloudChannel(options: { dir: string; port: number; secretsKey: string; publicBaseUrl: string }): Promise<Omit<SeededCloudChannel, "phoneNumberId">> {
  rmSync(options.dir, { recursive: true, force: true });
  const appSecret = randomBytes(16).toString("hex");
  let stdout: string;
  try {
    ({ stdout } = await run(bin("tsx"), ["scripts/seed-channels.ts", "--each-variant", "--tenant", "Demo", "--app-secret", appSecret], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: "",
        CONSOLE_DATA_DIR: options.dir,
        EMBEDDED_PG_PORT: String(options.port),
        SECRETS_KEY: options.secretsKey,
        SECRETS_PREVIOUS_KEYS: "",
        PUBLIC_BASE_URL: options.publicBaseUrl,
      },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 180_000,
    }));
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new Error(`seed-channels failed: ${failure.stderr?.trim() || failure.message}`);
  }
  const output = JSON.parse(stdout) as { tenant: { id: string }; channels: { id: string; variant: string; webhookUrls: { url: string }[] }[] };
  const channel = output.channels.find((c) => c.variant === "cloud-api");
  if (!channel?.webhookUrls[0]) throw new Error("the seed made no cloud-api channel");
  return { tenantId: output.tenant.id, channelId: channel.id, webhookUrl: channel.webhookUrls[0].url, appSecret };
}

// ---- The production server ----

export interface ServerProcess {
  baseUrl: string;
  /** SIGKILL to the server's whole process group (primary and workers); resolves once the primary has exited. */
  kill(): Promise<void>;
  output(): string;
}

const servers = new Set<ServerProcess>();

/**
 * The production server as `npm start` runs it (scripts/serve.mjs: a node:cluster primary and
 * `processes` workers running Next's handler on the build in NEXT_DIST_DIR), in a process group
 * of its own so that one signal reaches the primary and every worker.
 */
export async function startServer(options: { port: number; databaseUrl: string; secretsKey: string; authSecret: string; processes?: number }): Promise<ServerProcess> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [path.join("scripts", "serve.mjs"), "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      SECRETS_KEY: options.secretsKey,
      SECRETS_PREVIOUS_KEYS: "",
      AUTH_SECRET: options.authSecret,
      PUBLIC_BASE_URL: baseUrl,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      NEXT_TELEMETRY_DISABLED: "1",
      // Several processes even on a one-core machine: the kill must take down a cluster, not one process.
      WEB_CONCURRENCY: String(options.processes ?? 2),
    },
  });
  const exited = track(child);
  const output = captureOutput(child);
  const server: ServerProcess = {
    baseUrl,
    async kill() {
      killGroup(child, "SIGKILL");
      await exited;
      await waitFor(`every process of server group ${child.pid} to exit`, 10_000, () => (groupAlive(child.pid!) ? undefined : true));
      servers.delete(server);
    },
    output,
  };
  servers.add(server);
  try {
    await waitFor(`${baseUrl}/api/health`, 90_000, async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited early:\n${output()}`);
      // Every worker up (the primary says so), and the database reachable through them.
      if (!/\[serve\] \d+ processes listening/.test(output())) return undefined;
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
      return response?.status === 200 ? true : undefined;
    });
  } catch (error) {
    await server.kill();
    throw error;
  }
  return server;
}

/** Ends every server and database still running, then removes the data folders. */
export async function cleanUp(dataDirs: string[]): Promise<void> {
  await Promise.all([...servers].map((server) => server.kill()));
  await Promise.all([...databases].map((database) => database.stop()));
  for (const child of groups) killGroup(child, "SIGKILL");
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
