import { describe, expect, it } from "vitest";
import { DRAINING } from "@/lib/shutdown/draining";
import { checkReadiness, expectedMigration, readinessDeps, readinessResponse, workerAppNames, type ReadinessDeps } from "./ready";

function deps(overrides: Partial<ReadinessDeps> = {}): ReadinessDeps {
  return {
    draining: () => false,
    expectedMigration: 100,
    latestAppliedMigration: async () => 100,
    queueSchemaPresent: async () => true,
    workers: [],
    listeningConnections: async () => new Map(),
    timeoutMs: 200,
    ...overrides,
  };
}

describe("checkReadiness", () => {
  it("is ready with the build's last migration applied, the queue schema and no shutdown", async () => {
    expect(await checkReadiness(deps())).toEqual({ status: "ready", checks: { shutdown: "ok", db: "ok", migrations: "ok", queue: "ok" } });
  });

  it("is not ready while draining, so a load balancer stops sending", async () => {
    const readiness = await checkReadiness(deps({ draining: () => true }));
    expect(readiness).toMatchObject({ status: "not-ready", checks: { shutdown: "fail", db: "ok" } });
    expect(readinessResponse(readiness).status).toBe(503);
  });

  it.each([null, 99])("is not ready when the last applied migration is %s (older than the build's)", async (applied) => {
    expect(await checkReadiness(deps({ latestAppliedMigration: async () => applied }))).toMatchObject({ status: "not-ready", checks: { migrations: "fail" } });
  });

  it("is not ready without graphile-worker's schema", async () => {
    expect(await checkReadiness(deps({ queueSchemaPresent: async () => false }))).toMatchObject({ status: "not-ready", checks: { queue: "fail" } });
  });

  it("wants every worker of this process tree listening", async () => {
    const workers = ["w:exports", "w:outbound"];
    const one = await checkReadiness(deps({ workers, listeningConnections: async () => new Map([["w:exports", 1]]) }));
    expect(one).toMatchObject({ status: "not-ready", checks: { workers: "fail" } });
    const both = await checkReadiness(deps({ workers, listeningConnections: async () => new Map([["w:exports", 1], ["w:outbound", 1]]) }));
    expect(both).toMatchObject({ status: "ready", checks: { workers: "ok" } });
  });

  it("answers within its deadline when the database hangs", async () => {
    const started = Date.now();
    const readiness = await checkReadiness(deps({ latestAppliedMigration: () => new Promise(() => {}) }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(readiness).toMatchObject({ status: "not-ready", checks: { db: "fail", migrations: "fail" } });
  });

  it("reads the process-wide draining flag scripts/serve.mjs sets", async () => {
    const flags = globalThis as { [DRAINING]?: boolean };
    const before = await checkReadiness({ ...readinessDeps({} as never, {}), latestAppliedMigration: async () => expectedMigration(), queueSchemaPresent: async () => true });
    flags[DRAINING] = true;
    try {
      const during = await checkReadiness({ ...readinessDeps({} as never, {}), latestAppliedMigration: async () => expectedMigration(), queueSchemaPresent: async () => true });
      expect([before.checks.shutdown, during.checks.shutdown]).toEqual(["ok", "fail"]);
    } finally {
      delete flags[DRAINING];
    }
  });
});

describe("workerAppNames", () => {
  it("splits the comma-separated list start.ts sets, ignoring blanks", () => {
    expect(workerAppNames({})).toEqual([]);
    expect(workerAppNames({ CONSOLE_WORKER_APP_NAMES: "a:exports, a:outbound," })).toEqual(["a:exports", "a:outbound"]);
  });
});
