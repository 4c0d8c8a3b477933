import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { PAGE_SIZE } from "@/db/paging";
import { getSkillQueue, insertSkillQueue, listSkillQueues, skillQueueBelongsToTenant } from "./skill-queues";

let t: TestDatabase;
let a: { tenantId: string };
let b: { tenantId: string };

beforeAll(async () => {
  t = await createTestDatabase();
  const [ta, tb] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  a = { tenantId: ta.tenant.id };
  b = { tenantId: tb.tenant.id };
});
afterAll(() => t.close());

describe("skill queue queries", () => {
  it("answer belongs-to-tenant and reads only for the caller's tenant", async () => {
    const { id } = await insertSkillQueue(t.db, a, { name: "Mine", description: "d" });
    expect(await skillQueueBelongsToTenant(t.db, a, id)).toBe(true);
    expect(await skillQueueBelongsToTenant(t.db, b, id)).toBe(false);
    expect(await skillQueueBelongsToTenant(t.db, a, "00000000-0000-4000-8000-000000000000")).toBe(false);
    expect(await getSkillQueue(t.db, a, id)).toMatchObject({ id, name: "Mine", description: "d" });
    expect(await getSkillQueue(t.db, b, id)).toBeNull();
  });

  it("list the caller's queues by name, case-insensitively, a page at a time", async () => {
    const names = Array.from({ length: PAGE_SIZE + 2 }, (_, i) => `${i % 2 ? "q" : "Q"}${String(i).padStart(3, "0")}`);
    for (const name of names) await insertSkillQueue(t.db, b, { name, description: "" });
    const first = await listSkillQueues(t.db, b, 1);
    const second = await listSkillQueues(t.db, b, 2);
    expect(first).toMatchObject({ total: PAGE_SIZE + 2, pageCount: 2 });
    expect([...first.items, ...second.items].map((q) => q.name)).toEqual(names);
    expect((await listSkillQueues(t.db, a, 1)).items.map((q) => q.name)).toEqual(["Mine"]);
  });
});
