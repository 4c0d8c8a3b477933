import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; queries accept either a Db or a Tx. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface PoolOptions {
  max?: number;
  connectionTimeoutMillis?: number;
  /** Shown in pg_stat_activity; /api/ready finds a process tree's workers by it (lib/readiness). */
  applicationName?: string;
}

export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // Fail fast so a dead database becomes a 503 instead of a hung request.
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", (error) => reportPoolError(error, "idle"));
  // A checked-out client whose connection drops emits on itself; unhandled, that would crash the process.
  pool.on("connect", (client) => client.on("error", (error) => reportPoolError(error, "checked-out")));
  return pool;
}

export type PoolErrorReporter = (error: Error, client: "idle" | "checked-out") => void;

// On globalThis: Next bundles this module into several chunks, and every copy must report the same way.
const globalForPools = globalThis as unknown as { channelConsolePoolErrors?: PoolErrorReporter };

/**
 * Where connection errors go. The structured log lives above db/ (lib/log), so each process that
 * has it installs it here at start (lib/log/db-errors.ts); until then, one plain line.
 */
export function reportPoolErrorsTo(reporter: PoolErrorReporter | undefined): void {
  globalForPools.channelConsolePoolErrors = reporter;
}

function reportPoolError(error: Error, client: "idle" | "checked-out"): void {
  const reporter = globalForPools.channelConsolePoolErrors;
  if (reporter) reporter(error, client);
  else console.error(`[db] ${client} client error: ${error.message}`);
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema, casing: "snake_case" });
}
