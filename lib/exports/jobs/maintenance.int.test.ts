import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportTasks } from "@/db/schema";
import { createTestTenant } from "@/testing/db/fixtures";
import { exportTaskBase } from "@/testing/db/export-fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { recoverStaleExports } from "./maintenance";

let t: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tenantId = (await createTestTenant(t.db)).tenant.id;
});
afterAll(() => t?.close());

async function runningTask(workerId: string, silentForMs: number) {
  const [task] = await t.db
    .insert(exportTasks)
    .values({
      ...exportTaskBase(tenantId),
      status: "running",
      totalRows: 10,
      processedRows: 4,
      runs: 1,
      workerId,
      heartbeatAt: sql`now() - make_interval(secs => ${silentForMs / 1000})`,
    })
    .returning();
  return task!;
}

const statusOf = async (id: string) => (await t.db.select().from(exportTasks).where(eq(exportTasks.id, id)))[0]!;

describe("recovering exports whose worker died", () => {
  beforeEach(() => t.db.delete(exportTasks));

  it("frees a running export that has been silent past the threshold, and says it will be retried", async () => {
    const silent = await runningTask("worker-gone", 5_000);
    const beating = await runningTask("worker-busy", 100);
    expect(await recoverStaleExports(t.db, 2_000)).toBe(1);
    expect(await statusOf(silent.id)).toMatchObject({ status: "queued", errorCode: "exports.errors.retrying", workerId: null, processedRows: 0 });
    expect(await statusOf(beating.id)).toMatchObject({ status: "running", workerId: "worker-busy" });
  });

  it("never takes this process's own running worker for dead, however late its heartbeat", async () => {
    const late = await runningTask("worker-here", 5_000);
    expect(await recoverStaleExports(t.db, 2_000, new Set(["worker-here"]))).toBe(0);
    expect(await statusOf(late.id)).toMatchObject({ status: "running", workerId: "worker-here" });
  });
});
