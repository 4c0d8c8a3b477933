import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import type { ChannelPrerequisites } from "../seed/prerequisites";

/*
 * The processes of the multi-instance test: console instances (scripts/serve.mjs on the e2e
 * suite's production build, NEXT_DIST_DIR) and a separate worker (scripts/worker.ts), all on one
 * PostgreSQL. Each runs in a process group of its own so that a test can signal exactly one
 * instance, and every one is registered so that stopAll() leaves nothing behind.
 */

const root = path.join(import.meta.dirname, "..", "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const running = new Set<ChildProcess>();

export interface Shared {
  databaseUrl: string;
  secretsKey: string;
  authSecret: string;
  publicBaseUrl: string;
}

/** What every instance and worker must share (README, "Several instances"). */
function sharedEnv(shared: Shared): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: shared.databaseUrl,
    SECRETS_KEY: shared.secretsKey,
    SECRETS_PREVIOUS_KEYS: "",
    AUTH_SECRET: shared.authSecret,
    PUBLIC_BASE_URL: shared.publicBaseUrl,
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
    NEXT_TELEMETRY_DISABLED: "1",
    TRUST_PROXY: "1",
    SHUTDOWN_TIMEOUT_MS: "15000",
  };
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  /** SIGTERM to the instance's primary; resolves with how long it took to exit. */
  terminate(): Promise<number>;
  output(): string;
}

export async function startInstance(name: string, port: number, shared: Shared, processes: number, env: Record<string, string> = {}): Promise<Instance> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join("scripts", "serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...sharedEnv(shared), WEB_CONCURRENCY: String(processes), ...env },
  });
  const output = track(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const instance: Instance = {
    name,
    port,
    url,
    output,
    async terminate() {
      const started = performance.now();
      child.kill("SIGTERM");
      await exited;
      return Math.round(performance.now() - started);
    },
  };
  await waitFor(`${name} ready on ${url}`, 90_000, async () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited early:\n${output()}`);
    if (processes > 1 && !/\[serve\] \d+ processes listening/.test(output())) return undefined;
    const answer = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    return answer?.status === 200 ? true : undefined;
  });
  return instance;
}

export interface Worker {
  output(): string;
}

/** `npm run worker` on the shared database: exports and sends. */
export async function startWorker(shared: Shared): Promise<Worker> {
  const child = spawn(bin("tsx"), ["scripts/worker.ts"], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"], env: sharedEnv(shared) });
  const output = track(child);
  await waitFor("the worker to listen", 60_000, () => {
    if (child.exitCode !== null) throw new Error(`the worker exited early:\n${output()}`);
    return /\[worker\] outbound worker running/.test(output()) ? true : undefined;
  });
  return { output };
}

/** A fresh cluster in `dir`, migrated and seeded as `npm start` does (Demo tenant and its accounts), with a channel's prerequisites. */
export async function seedPrerequisites(options: { dir: string; pgPort: number; secretsKey: string }): Promise<ChannelPrerequisites> {
  const { stdout } = await promisify(execFile)(bin("tsx"), ["scripts/seed-channels.ts", "--prerequisites", "--tenant", "Demo", "--api-app-name", "Multi-instance app"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", CONSOLE_DATA_DIR: options.dir, EMBEDDED_PG_PORT: String(options.pgPort), SECRETS_KEY: options.secretsKey, SECRETS_PREVIOUS_KEYS: "" },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 180_000,
  });
  return (JSON.parse(stdout) as { prerequisites: ChannelPrerequisites }).prerequisites;
}

/** One channel of each variant on the running database, sealed with the instances' key; answers the cloud-api one. */
export async function seedCloudChannel(shared: Shared): Promise<{ id: string; tenantId: string; webhookPath: string; appSecret: string }> {
  const appSecret = randomBytes(16).toString("hex");
  const { stdout } = await promisify(execFile)(
    bin("tsx"),
    ["scripts/seed-channels.ts", "--each-variant", "--tenant", "Demo", "--api-app-name", "Multi-instance app", "--app-secret", appSecret],
    { cwd: root, env: sharedEnv(shared), maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
  );
  const output = JSON.parse(stdout) as { tenant: { id: string }; channels: { id: string; variant: string; webhookUrls: { url: string }[] }[] };
  const channel = output.channels.find((c) => c.variant === "cloud-api");
  if (!channel?.webhookUrls[0]) throw new Error("the seed made no cloud-api channel");
  return { id: channel.id, tenantId: output.tenant.id, webhookPath: new URL(channel.webhookUrls[0].url).pathname, appSecret };
}

/** SIGKILL to every process group still running (instances, the worker). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            resolve();
          }
        }),
    ),
  );
  running.clear();
}

function track(child: ChildProcess): () => string {
  running.add(child);
  child.once("exit", () => running.delete(child));
  let text = "";
  const append = (chunk: Buffer) => void (text = (text + chunk.toString("utf8")).slice(-64 * 1024));
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => text;
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
