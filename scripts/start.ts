/**
 * `npm start`: the console on the embedded PostgreSQL (or DATABASE_URL's server), migrated and
 * seeded, building first when there is no build. `npm run dev` does the same with `next dev`.
 * Extra arguments go to the server (`npm start -- -p 4000 -H 127.0.0.1`); PORT and WEB_CONCURRENCY are honoured.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import path from "node:path";
import { createDb, createPool } from "@/db/client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { firstStartAccounts, FirstStartConfigError } from "@/lib/bootstrap/first-start-config";
import { seedFirstStart } from "@/lib/bootstrap/first-start";
import { localSecrets } from "@/lib/bootstrap/local-secrets";
import { parseKeyringFromEnv } from "@/lib/crypto/secrets";
import { startExportWorker, type ExportWorker } from "@/lib/exports/worker";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const nextArgs = args.filter((arg) => arg !== "--dev");
const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let embedded: EmbeddedDatabase | null = null;

  if (env.DATABASE_URL) {
    requireServerSecrets(env);
  } else {
    const dataDir = path.resolve(env.CONSOLE_DATA_DIR ?? "data");
    const port = Number(env.EMBEDDED_PG_PORT ?? 54329);
    console.info(`[start] embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || "."} on 127.0.0.1:${port}`);
    embedded = await startEmbeddedPostgres({ dir: dataDir, port });
    env.DATABASE_URL = embedded.url;
    Object.assign(env, localSecrets(dataDir, env));
  }
  parseKeyringFromEnv({ SECRETS_KEY: env.SECRETS_KEY, SECRETS_PREVIOUS_KEYS: env.SECRETS_PREVIOUS_KEYS }); // fail now, not on the first secret saved

  const pool = createPool(env.DATABASE_URL!, { max: 2 });
  try {
    const db = createDb(pool);
    await runMigrations(db);
    const mode = embedded ? "embedded" : "server";
    const outcome = await seedFirstStart(db, () => firstStartAccounts(env, mode));
    if (outcome === "seeded") console.info("[start] first start: created the first accounts (see README)");
  } finally {
    await pool.end();
  }

  if (!dev && !existsSync(path.join(env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    console.info("[start] no build found: running `next build` once");
    const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env });
    if (build.status !== 0) throw new Error("next build failed");
  }

  // Production runs Next's handler in one process per core (scripts/serve.mjs); development is `next dev`.
  const [command, commandArgs] = dev ? [nextBin, ["dev", ...nextArgs]] : [process.execPath, [path.join("scripts", "serve.mjs"), ...nextArgs]];
  const child = spawn(command, commandArgs, {
    env,
    stdio: env.CONSOLE_LOG_FILE ? ["inherit", "pipe", "pipe"] : "inherit",
  });
  if (env.CONSOLE_LOG_FILE) teeOutput(child, env.CONSOLE_LOG_FILE);

  // Exports run here, beside the web processes, unless EXPORT_WORKER=off (then `npm run worker` elsewhere).
  const worker = env.EXPORT_WORKER === "off" ? null : await startWorker(env.DATABASE_URL!);

  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", async (code, signal) => {
    await worker?.stop().catch(() => {});
    await embedded?.stop().catch(() => {});
    process.exit(code ?? (signal ? 0 : 1));
  });
}

function requireServerSecrets(env: NodeJS.ProcessEnv) {
  const missing = ["AUTH_SECRET", "SECRETS_KEY"].filter((name) => !env[name]);
  if (missing.length) {
    throw new Error(
      `DATABASE_URL is set, so keys must come from the environment: set ${missing.join(" and ")} (see README, "Configuration").`,
    );
  }
}

async function startWorker(databaseUrl: string): Promise<ExportWorker> {
  const pool = createPool(databaseUrl, { max: 5 });
  const worker = await startExportWorker({ pool });
  return {
    done: worker.done,
    stop: async () => {
      await worker.stop();
      await pool.end();
    },
  };
}

/** Tests read the server's log to prove that no secret is ever written to it. */
function teeOutput(child: ReturnType<typeof spawn>, file: string) {
  const log = createWriteStream(file, { flags: "a" });
  child.stdout?.on("data", (chunk) => (process.stdout.write(chunk), log.write(chunk)));
  child.stderr?.on("data", (chunk) => (process.stderr.write(chunk), log.write(chunk)));
}

main().catch((error: unknown) => {
  const message = error instanceof FirstStartConfigError || error instanceof Error ? error.message : String(error);
  console.error(`[start] cannot start: ${message}`);
  process.exit(1);
});
