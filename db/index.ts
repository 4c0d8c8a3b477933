import "server-only";
import type pg from "pg";
import { createDb, createPool, type Db } from "./client";

interface DbHandle {
  pool: pg.Pool;
  db: Db;
}

// One pool per process; cached on globalThis so development reloads do not leak pools.
const globalForDb = globalThis as unknown as { channelConsoleDb?: DbHandle };

function handle(): DbHandle {
  if (!globalForDb.channelConsoleDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the console with `npm start`.");
    const pool = createPool(url);
    globalForDb.channelConsoleDb = { pool, db: createDb(pool) };
  }
  return globalForDb.channelConsoleDb;
}

/** The process-wide database; opened lazily so `next build` never connects. */
export function getDb(): Db {
  return handle().db;
}

export function getPool(): pg.Pool {
  return handle().pool;
}
