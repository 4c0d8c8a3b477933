/*
 * What every benchmark needs around its measurements: cleanup steps run in reverse order on success,
 * failure, Ctrl-C and past a hard time limit (a bench bounds itself), and a throwaway embedded
 * PostgreSQL unless DATABASE_URL names a server.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { createDb, createPool, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { createTenant } from "@/db/queries/tenants";
import { insertUser } from "@/db/queries/users";
import { generateKey } from "@/lib/crypto/secrets";
import { startEmbeddedProcess } from "@/testing/db/embedded-process";
import { seedEachVariant } from "@/testing/seed/variants";

export const log = (line: string) => console.info(`[bench] ${line}`);

export interface BenchRun {
  /** Registers a cleanup step; steps run last-registered first. */
  onCleanup(step: () => Promise<void>): void;
  /** Runs the cleanup steps once (later calls do nothing) and stops the time limit. */
  finish(): Promise<void>;
}

export function startBenchRun(timeLimitMs: number): BenchRun {
  const steps: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of steps.reverse()) await step().catch((error: unknown) => console.error(`[bench] cleanup: ${String(error)}`));
    steps.length = 0;
  };
  const limit = setTimeout(() => {
    console.error(`[bench] stopped: over the time limit of ${timeLimitMs / 60_000} minutes`);
    void cleanup().finally(() => process.exit(2));
  }, timeLimitMs);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  return {
    onCleanup: (step) => void steps.push(step),
    finish: async () => {
      clearTimeout(limit);
      await cleanup();
    },
  };
}

/** DATABASE_URL's server, or a throwaway embedded PostgreSQL in a temporary folder on `port`. */
export async function openBenchDatabase(run: BenchRun, port: number, prefix: string): Promise<{ url: string; embedded: boolean }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false };
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  run.onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const server = await startEmbeddedProcess({ dir, port, database: "bench" });
  run.onCleanup(() => server.stop());
  return { url: server.url, embedded: true };
}

/** Spawns a server in its own process group (ended at cleanup) and waits until `readyUrl` answers. */
export async function startServer(
  run: BenchRun,
  name: string,
  command: string,
  args: string[],
  serverEnv: NodeJS.ProcessEnv,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(command, args, { env: serverEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  run.onCleanup(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    // The whole group: a server the command started may outlive the command itself.
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    // A timeout: a server left over on the port may accept and never answer.
    const ok = await fetch(readyUrl, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status < 500, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not answer ${readyUrl} within 90 s:\n${output}`);
}

/** Runs `next build` once when `distDir` (inside `projectDir`) holds no production build. */
export function ensureNextBuild(distDir: string, projectDir = "."): void {
  if (existsSync(path.join(projectDir, distDir, "BUILD_ID"))) return;
  log(`no production build in ${path.join(projectDir, distDir)}: running \`next build\` once`);
  const args = projectDir === "." ? ["build"] : ["build", projectDir];
  if (spawnSync("node_modules/.bin/next", args, { stdio: "inherit" }).status !== 0) throw new Error(`next build ${projectDir} failed`);
}

export interface WebhookBenchSetup {
  database: { url: string; embedded: boolean };
  pool: pg.Pool;
  db: Db;
  secretsKey: string;
  tenantId: string;
  /** The Meta app secret of every channel `addCloudChannel` makes. */
  appSecret: string;
  /** A cloud-api channel of the bench's tenant, replies off (no notice): its id, webhook path and phone number id. */
  addCloudChannel(namePrefix: string): Promise<{ id: string; webhookPath: string; phoneNumberId: string }>;
}

/**
 * What the webhook benches start from: a migrated database (embedded, or DATABASE_URL's server, left
 * clean at the end), SECRETS_KEY, a tenant with an administrator, and cloud-api channels on demand.
 */
export async function openWebhookBench(run: BenchRun, pgPort: number, name: string): Promise<WebhookBenchSetup> {
  const secretsKey = process.env.SECRETS_KEY || generateKey();
  process.env.SECRETS_KEY = secretsKey;
  const database = await openBenchDatabase(run, pgPort, `cc-bench-${name}`);
  log(`database: ${database.embedded ? `embedded PostgreSQL on port ${pgPort} (throwaway)` : "DATABASE_URL"}`);
  const pool = createPool(database.url, { max: 2 });
  run.onCleanup(() => pool.end());
  const db = createDb(pool);
  await runMigrations(db);

  const tenant = await createTenant(db, { name: `Bench ${name} ${Date.now().toString(36)}` });
  const user = await insertUser(db, { email: `bench-${randomBytes(4).toString("hex")}@bench.example`, name: "Bench", role: "tenant_admin", tenantId: tenant.id, passwordHash: "-" });
  const actor = { id: user.id, email: "bench@bench.example", name: "Bench", role: "tenant_admin" as const, tenantId: tenant.id, tenantName: tenant.name };
  // On a server, leave nothing behind: the tenant's rows cascade with it, its users do not.
  if (!database.embedded) {
    run.onCleanup(async () => {
      await pool.query("delete from channels where tenant_id = $1", [tenant.id]);
      await pool.query("delete from users where tenant_id = $1", [tenant.id]);
      await pool.query("delete from tenants where id = $1", [tenant.id]);
    });
  }
  const appSecret = randomBytes(16).toString("hex");
  return {
    database,
    pool,
    db,
    secretsKey,
    tenantId: tenant.id,
    appSecret,
    async addCloudChannel(namePrefix) {
      const { channels } = await seedEachVariant(db, actor, { appSecret }, { variants: ["cloud-api"], namePrefix });
      const channel = channels[0]!;
      await pool.query("update channels set non_working_notice = '' where id = $1", [channel.id]);
      const phoneNumberId = (await pool.query("select settings->>'phoneNumberId' as id from channels where id = $1", [channel.id])).rows[0].id as string;
      return { id: channel.id, webhookPath: new URL(channel.webhookUrls[0]!.url).pathname, phoneNumberId };
    },
  };
}
