import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPool } from "@/db/client";
import { startOutboundWorker, type OutboundWorker } from "@/lib/outbound/send/worker";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { checkReadiness, readinessDeps, readinessResponse } from "./ready";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const ready = async (env: Record<string, string> = {}) => checkReadiness(readinessDeps(t.pool, env));

describe("readiness on a real database", () => {
  it("is ready on a migrated database with the queue installed", async () => {
    const readiness = await ready();
    expect(readiness).toEqual({ status: "ready", checks: { shutdown: "ok", db: "ok", migrations: "ok", queue: "ok" } });
    expect(readinessResponse(readiness).status).toBe(200);
  });

  it("is not ready until the start's worker listens, and ready while it does", async () => {
    const name = `ready-test-${process.pid}:outbound`;
    expect(await ready({ CONSOLE_WORKER_APP_NAMES: name })).toMatchObject({ status: "not-ready", checks: { workers: "fail" } });
    const pool = createPool(t.url, { max: 4, applicationName: name });
    let worker: OutboundWorker | null = null;
    try {
      worker = await startOutboundWorker({ pool, concurrency: 1 });
      // graphile-worker opens its LISTEN connection just after start resolves: ready within moments, not at once.
      await vi.waitFor(async () => expect(await ready({ CONSOLE_WORKER_APP_NAMES: name })).toMatchObject({ status: "ready", checks: { workers: "ok" } }), {
        timeout: 10_000,
        interval: 50,
      });
      await worker.stop();
      worker = null;
      // Stopped: its LISTEN connection ran UNLISTEN (or is gone), so the instance is no longer ready.
      expect(await ready({ CONSOLE_WORKER_APP_NAMES: name })).toMatchObject({ status: "not-ready", checks: { workers: "fail" } });
    } finally {
      await worker?.stop();
      await pool.end();
    }
  });

  it("is not ready when the build's last migration is missing from the database", async () => {
    await t.pool.query("delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)");
    expect(await ready()).toMatchObject({ status: "not-ready", checks: { migrations: "fail", queue: "ok" } });
  });

  it("is not ready without graphile-worker's schema", async () => {
    await t.pool.query("drop schema graphile_worker cascade");
    expect(await ready()).toMatchObject({ status: "not-ready", checks: { queue: "fail" } });
  });

  it("answers 503 when the database cannot be reached", async () => {
    const dead = createPool("postgres://nobody:nothing@127.0.0.1:1/none", { connectionTimeoutMillis: 1_000 });
    try {
      const readiness = await checkReadiness(readinessDeps(dead, {}));
      expect(readiness).toMatchObject({ status: "not-ready", checks: { db: "fail" } });
      expect(readinessResponse(readiness).status).toBe(503);
    } finally {
      await dead.end();
    }
  });
});
