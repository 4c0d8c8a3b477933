import type pg from "pg";

/*
 * What /api/ready asks the database (lib/readiness). Plain pool queries: each check takes one
 * connection for one round trip, and a missing table is an answer ("not migrated"), not an error.
 */

/** created_at of the newest drizzle migration applied, or null when none is (no migrations table). */
export async function latestAppliedMigration(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ exists: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as exists");
  if (!rows[0]?.exists) return null;
  const latest = await pool.query<{ created_at: string | null }>("select max(created_at)::text as created_at from drizzle.__drizzle_migrations");
  const value = latest.rows[0]?.created_at;
  return value == null ? null : Number(value);
}

/** graphile-worker's schema is installed (db/migrate.ts installs it after the drizzle migrations). */
export async function queueSchemaPresent(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ present: boolean }>("select to_regclass('graphile_worker._private_jobs') is not null as present");
  return rows[0]?.present === true;
}

/**
 * Connections named `applicationName` that are listening for new jobs: graphile-worker keeps one
 * connection per runner idle after `LISTEN "jobs:insert"`, so its last statement says the runner
 * is up and subscribed. A dead runner's connection is gone; a stopping one has run UNLISTEN.
 */
export async function listeningConnections(pool: pg.Pool, applicationNames: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ application_name: string; n: number }>(
    `select application_name, count(*)::int as n from pg_stat_activity
      where application_name = any($1::text[]) and query like 'LISTEN "jobs:insert"%'
      group by application_name`,
    [applicationNames],
  );
  return new Map(rows.map((row) => [row.application_name, row.n]));
}
