import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { runMigrations as runQueueMigrations, type Logger } from "graphile-worker";
import type pg from "pg";
import type { Db } from "./client";
import { queueLogger } from "./queue-logger";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Applies the committed drizzle-kit migrations (already applied ones are skipped), then installs
 * or upgrades graphile-worker's own schema, so that enqueueing a job works from the first request
 * and a test database cloned from the template has the queue too. A process with the structured log
 * passes its queue logger (lib/log/queue-logger.ts); scripts and tests hear only of problems.
 */
export async function runMigrations(db: Db, options: { queueLogger?: Logger } = {}): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  await runQueueMigrations({ pgPool: (db as Db & { $client: pg.Pool }).$client, logger: options.queueLogger ?? queueLogger("queue") });
}
