import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb, createPool } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { TEMPLATE_DATABASE, withDatabase } from "./database-url";
import { startEmbeddedProcess } from "./embedded-process";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

/**
 * Integration tests run against a real PostgreSQL: the server in TEST_DATABASE_URL / DATABASE_URL
 * when set (CI's second run), otherwise an embedded one started here in a temporary folder.
 * The schema is migrated once into a template; each test file clones it into its own database.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tempDir: string | undefined;
  let adminUrl: string;

  if (serverUrl) {
    adminUrl = serverUrl;
  } else {
    tempDir = mkdtempSync(path.join(tmpdir(), "cc-it-"));
    const port = 55_000 + Math.floor(Math.random() * 5_000);
    const embedded = await startEmbeddedProcess({ dir: tempDir, port, database: "postgres_admin" });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }

  await recreateTemplate(adminUrl);
  project.provide("adminDatabaseUrl", adminUrl);

  return async () => {
    await dropTestDatabases(adminUrl);
    await stopEmbedded?.();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
}

async function recreateTemplate(adminUrl: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const pool = createPool(withDatabase(adminUrl, TEMPLATE_DATABASE), { max: 1 });
  try {
    await runMigrations(createDb(pool));
  } finally {
    await pool.end();
  }
}

async function dropTestDatabases(adminUrl: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'cc_test_%' or datname = $1`,
      [TEMPLATE_DATABASE],
    );
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}
