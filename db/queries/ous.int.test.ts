import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { isForeignKeyViolation } from "@/db/errors";
import { deleteOu, getOu, insertOu, listOuMoveTargets, listOuTreePage, ouBelongsToTenant } from "./ous";

let t: TestDatabase;
let a: { tenantId: string };
let b: { tenantId: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const [ta, tb] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  a = { tenantId: ta.tenant.id };
  b = { tenantId: tb.tenant.id };
  // Tenant A:  Sales ─ EMEA ─ Berlin      Tenant B:  Zeta
  //                  └ apac
  //            support
  const add = async (key: string, name: string, parentKey: string | null, scope = a) => {
    ids[key] = (await insertOu(t.db, scope, { name, parentId: parentKey ? ids[parentKey]! : null })).id;
  };
  await add("sales", "Sales", null);
  await add("support", "support", null);
  await add("emea", "EMEA", "sales");
  await add("apac", "apac", "sales");
  await add("berlin", "Berlin", "emea");
  await add("zeta", "Zeta", null, b);
});
afterAll(() => t.close());

describe("tenant scoping", () => {
  it("ouBelongsToTenant answers only for the caller's tenant", async () => {
    expect(await ouBelongsToTenant(t.db, a, ids.emea!)).toBe(true);
    expect(await ouBelongsToTenant(t.db, b, ids.emea!)).toBe(false);
    expect(await ouBelongsToTenant(t.db, a, ids.zeta!)).toBe(false);
    expect(await ouBelongsToTenant(t.db, a, "00000000-0000-4000-8000-000000000000")).toBe(false);
  });

  it("getOu reads the OU with its parent's name, and another tenant's OU as missing", async () => {
    expect(await getOu(t.db, a, ids.berlin!)).toEqual({ id: ids.berlin, name: "Berlin", parentId: ids.emea, parentName: "EMEA" });
    expect(await getOu(t.db, a, ids.zeta!)).toBeNull();
  });

  it("the database refuses a parent from another tenant", async () => {
    await expect(insertOu(t.db, a, { name: "Smuggled", parentId: ids.zeta! })).rejects.toSatisfy((e) =>
      isForeignKeyViolation(e, "ous_parent_fk"),
    );
  });

  it("the database refuses deleting a parent through the tree's own reference", async () => {
    await expect(deleteOu(t.db, a, ids.emea!)).rejects.toSatisfy((e) => isForeignKeyViolation(e, "ous_parent_fk"));
  });
});

describe("listOuTreePage", () => {
  it("flattens the tree depth-first, siblings by name regardless of case, with paths and child counts", async () => {
    const page = await listOuTreePage(t.db, a, 1, 50);
    expect(page.total).toBe(5);
    expect(page.items.map((r) => [r.name, r.depth, r.path, r.childCount])).toEqual([
      ["Sales", 0, [], 2],
      ["apac", 1, ["Sales"], 0],
      ["EMEA", 1, ["Sales"], 1],
      ["Berlin", 2, ["Sales", "EMEA"], 0],
      ["support", 0, [], 0],
    ]);
    expect(page.items[3]).toMatchObject({ id: ids.berlin, parentId: ids.emea });
  });

  it("pages through the flattened tree, so a page is bounded whatever the tree's shape", async () => {
    const first = await listOuTreePage(t.db, a, 1, 2);
    const second = await listOuTreePage(t.db, a, 2, 2);
    const third = await listOuTreePage(t.db, a, 3, 2);
    expect([first, second, third].map((p) => p.items.map((r) => r.name))).toEqual([["Sales", "apac"], ["EMEA", "Berlin"], ["support"]]);
    expect(second).toMatchObject({ page: 2, pageCount: 3, total: 5 });
  });

  it("lists only the caller's tenant", async () => {
    expect((await listOuTreePage(t.db, b, 1, 50)).items.map((r) => r.name)).toEqual(["Zeta"]);
  });
});

describe("listOuMoveTargets", () => {
  it("leaves out the OU and its whole subtree, and other tenants' OUs", async () => {
    const targets = await listOuMoveTargets(t.db, a, ids.sales!, 100);
    expect(targets).toEqual([{ id: ids.support, path: ["support"] }]);
    expect((await listOuMoveTargets(t.db, a, ids.berlin!, 100)).map((o) => o.path)).toEqual([
      ["Sales"],
      ["Sales", "apac"],
      ["Sales", "EMEA"],
      ["support"],
    ]);
    expect(await listOuMoveTargets(t.db, a, ids.berlin!, 2)).toHaveLength(2);
  });
});
