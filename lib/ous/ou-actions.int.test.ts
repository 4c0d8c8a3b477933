import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOu } from "@/db/queries/ous";
import { auditLog, ous } from "@/db/schema";
import { createTestTenant, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { ouActions } from "./actions";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;

/** The app's action definitions, run as whichever user a test chooses. */
const as = (user: CurrentUser | null) => ouActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
});
afterAll(() => t.close());

/** Creates an OU as tenant A's administrator (or `who`) and returns its id. */
async function create(name: string, parentId: string | null = null, who: CurrentUser = a.admin): Promise<string> {
  const result = await as(who).createOu({ name, parentId });
  if (!result.ok) throw new Error(`createOu failed: ${JSON.stringify(result)}`);
  return result.data.id;
}

const row = async (id: string) => (await t.db.select().from(ous).where(eq(ous.id, id)))[0] ?? null;
const auditOf = (id: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(auditLog.id);

describe("who may change OUs", () => {
  it("refuses a signed-out caller and support staff, changing nothing", async () => {
    const id = await create(`Kept ${uniqueSuffix()}`);
    expect(await as(null).createOu({ name: "x" })).toEqual({ ok: false, error: "unauthenticated" });
    const support = as(a.support);
    expect(await support.createOu({ name: `Support ${uniqueSuffix()}` })).toEqual({ ok: false, error: "forbidden" });
    expect(await support.renameOu({ ouId: id, name: "Renamed by support" })).toEqual({ ok: false, error: "forbidden" });
    expect(await support.moveOu({ ouId: id, parentId: null })).toEqual({ ok: false, error: "forbidden" });
    expect(await support.deleteOu({ ouId: id })).toEqual({ ok: false, error: "forbidden" });
    expect(await support.listMoveTargets({ ouId: id })).toEqual({ ok: false, error: "forbidden" });
    expect(await row(id)).not.toBeNull();
    expect(await auditOf(id)).toHaveLength(1); // only the create
  });
});

describe("createOu", () => {
  it("creates top-level and nested OUs in the caller's tenant and audits them", async () => {
    const name = `Sales ${uniqueSuffix()}`;
    const root = await create(`  ${name}  `);
    const child = await create("EMEA", root);
    expect(await row(root)).toMatchObject({ tenantId: a.tenant.id, parentId: null, name });
    expect(await row(child)).toMatchObject({ tenantId: a.tenant.id, parentId: root, name: "EMEA" });
    const [entry] = await auditOf(child);
    expect(entry).toMatchObject({
      tenantId: a.tenant.id,
      actorUserId: a.admin.id,
      action: "ou.create",
      targetType: "ou",
      before: null,
      after: { name: "EMEA", parentId: root, parentName: name },
    });
  });

  it("ignores a tenant id in the input", async () => {
    const result = await as(a.admin).createOu({ name: `Forged ${uniqueSuffix()}`, tenantId: b.tenant.id });
    expect(result.ok).toBe(true);
    expect(await row(result.ok ? result.data.id : "")).toMatchObject({ tenantId: a.tenant.id });
  });

  it("explains bad names per field", async () => {
    expect(await as(a.admin).createOu({ name: "   " })).toEqual({ ok: false, error: "validation", fieldErrors: { name: ["required"] } });
    expect(await as(a.admin).createOu({ name: "x".repeat(65) })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { name: ["ous.errors.nameTooLong"] },
    });
    expect(await as(a.admin).createOu({})).toMatchObject({ ok: false, fieldErrors: { name: ["required"] } });
    expect(await as(a.admin).createOu({ name: "ok", parentId: "1 or 1=1" })).toMatchObject({
      ok: false,
      fieldErrors: { parentId: ["invalidId"] },
    });
    expect((await as(a.admin).createOu({ name: "x".repeat(64) })).ok).toBe(true);
  });

  it("keeps sibling names unique regardless of case, but allows the name elsewhere", async () => {
    const name = `Support ${uniqueSuffix()}`;
    const root = await create(name);
    expect(await as(a.admin).createOu({ name: name.toUpperCase() })).toEqual({
      ok: false,
      error: "ous.errors.nameTaken",
      fieldErrors: { name: ["ous.errors.nameTaken"] },
    });
    // The same name under another parent, and in another tenant, is fine.
    await create("Tier 1", root);
    expect(await as(a.admin).createOu({ name: "tier 1", parentId: root })).toMatchObject({ ok: false, error: "ous.errors.nameTaken" });
    await create(name, root);
    await create(name, null, b.admin);
  });

  it("refuses another tenant's OU as parent like a missing one", async () => {
    const foreign = await create(`B root ${uniqueSuffix()}`, null, b.admin);
    const name = `Sneaky ${uniqueSuffix()}`;
    const expected = { ok: false, error: "ous.errors.parentNotFound" };
    expect(await as(a.admin).createOu({ name, parentId: foreign })).toEqual(expected);
    expect(await as(a.admin).createOu({ name, parentId: MISSING_ID })).toEqual(expected);
    expect(await t.db.select().from(ous).where(eq(ous.name, name))).toEqual([]);
  });
});

describe("renameOu", () => {
  it("renames, audits before and after, and skips a rename to the same name", async () => {
    const id = await create(`Old ${uniqueSuffix()}`);
    const before = (await row(id))!.name;
    expect(await as(a.admin).renameOu({ ouId: id, name: " New name " })).toEqual({ ok: true, data: undefined });
    expect((await row(id))!.name).toBe("New name");
    expect(await as(a.admin).renameOu({ ouId: id, name: "New name" })).toEqual({ ok: true, data: undefined });
    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual(["ou.create", "ou.rename"]);
    expect(entries[1]).toMatchObject({ before: { name: before }, after: { name: "New name" } });
  });

  it("allows a change of case but not a sibling's name", async () => {
    const root = await create(`Parent ${uniqueSuffix()}`);
    const one = await create("alpha", root);
    await create("beta", root);
    expect(await as(a.admin).renameOu({ ouId: one, name: "Alpha" })).toMatchObject({ ok: true });
    expect(await as(a.admin).renameOu({ ouId: one, name: "BETA" })).toEqual({
      ok: false,
      error: "ous.errors.nameTaken",
      fieldErrors: { name: ["ous.errors.nameTaken"] },
    });
    expect((await row(one))!.name).toBe("Alpha");
  });

  it("cannot rename another tenant's OU, and says so like for a missing one", async () => {
    const foreign = await create(`B ${uniqueSuffix()}`, null, b.admin);
    const name = (await row(foreign))!.name;
    expect(await as(a.admin).renameOu({ ouId: foreign, name: "Taken over" })).toEqual({ ok: false, error: "ous.errors.notFound" });
    expect(await as(a.admin).renameOu({ ouId: MISSING_ID, name: "Taken over" })).toEqual({ ok: false, error: "ous.errors.notFound" });
    expect((await row(foreign))!.name).toBe(name);
    expect(await as(a.admin).renameOu({ ouId: "nope", name: "" })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { ouId: ["invalidId"], name: ["required"] },
    });
  });
});

describe("moveOu", () => {
  /** root ─ mid ─ leaf, plus a separate top-level OU. */
  async function tree() {
    const root = await create(`Root ${uniqueSuffix()}`);
    const mid = await create("Mid", root);
    const leaf = await create("Leaf", mid);
    const other = await create(`Other ${uniqueSuffix()}`);
    return { root, mid, leaf, other };
  }

  it("moves an OU with its subtree under another parent and back to the top level", async () => {
    const { root, mid, leaf, other } = await tree();
    expect(await as(a.admin).moveOu({ ouId: mid, parentId: other })).toEqual({ ok: true, data: undefined });
    expect(await row(mid)).toMatchObject({ parentId: other });
    expect(await row(leaf)).toMatchObject({ parentId: mid });
    expect(await as(a.admin).moveOu({ ouId: mid, parentId: "" })).toEqual({ ok: true, data: undefined });
    expect(await row(mid)).toMatchObject({ parentId: null });
    const moves = (await auditOf(mid)).filter((e) => e.action === "ou.move");
    expect(moves).toHaveLength(2);
    expect(moves[0]).toMatchObject({
      before: { parentId: root, parentName: expect.stringMatching(/^Root /) },
      after: { parentId: other, parentName: expect.stringMatching(/^Other /) },
    });
    expect(moves[1]).toMatchObject({ after: { parentId: null, parentName: null } });
  });

  it("refuses a cycle: under itself, its child or a deeper descendant", async () => {
    const { root, mid, leaf } = await tree();
    for (const target of [root, mid, leaf]) {
      expect(await as(a.admin).moveOu({ ouId: root, parentId: target })).toEqual({
        ok: false,
        error: "ous.errors.cycle",
        fieldErrors: { parentId: ["ous.errors.cycle"] },
      });
    }
    expect(await as(a.admin).moveOu({ ouId: mid, parentId: leaf })).toMatchObject({ error: "ous.errors.cycle" });
    expect(await row(root)).toMatchObject({ parentId: null });
    expect(await row(mid)).toMatchObject({ parentId: root });
  });

  it("refuses a target that already has a child of the same name", async () => {
    const { mid, other } = await tree();
    await create("mid", other);
    expect(await as(a.admin).moveOu({ ouId: mid, parentId: other })).toEqual({
      ok: false,
      error: "ous.errors.nameTakenAtTarget",
      fieldErrors: { parentId: ["ous.errors.nameTakenAtTarget"] },
    });
  });

  it("cannot move another tenant's OU, nor under another tenant's OU", async () => {
    const { mid } = await tree();
    const foreign = await create(`B ${uniqueSuffix()}`, null, b.admin);
    const foreignChild = await create("child", foreign, b.admin);
    expect(await as(a.admin).moveOu({ ouId: foreignChild, parentId: null })).toEqual({ ok: false, error: "ous.errors.notFound" });
    expect(await row(foreignChild)).toMatchObject({ parentId: foreign });
    for (const target of [foreign, MISSING_ID]) {
      expect(await as(a.admin).moveOu({ ouId: mid, parentId: target })).toEqual({
        ok: false,
        error: "ous.errors.parentNotFound",
        fieldErrors: { parentId: ["ous.errors.parentNotFound"] },
      });
    }
    expect(await as(a.admin).moveOu({ ouId: mid, parentId: "x" })).toMatchObject({ fieldErrors: { parentId: ["invalidId"] } });
  });

  it("never lets two concurrent moves close a cycle", async () => {
    const x = await create(`X ${uniqueSuffix()}`);
    const y = await create(`Y ${uniqueSuffix()}`);
    const results = await Promise.all([as(a.admin).moveOu({ ouId: x, parentId: y }), as(a.admin).moveOu({ ouId: y, parentId: x })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: "ous.errors.cycle" })]);
    const parents = [(await row(x))!.parentId, (await row(y))!.parentId];
    expect(parents.filter((p) => p === null)).toHaveLength(1);
  });
});

describe("listMoveTargets", () => {
  it("offers every OU of the tenant except the OU itself and its descendants, with paths", async () => {
    const { admin } = await createTestTenant(t.db);
    const sales = await create("Sales", null, admin);
    const emea = await create("EMEA", sales, admin);
    await create("Berlin", emea, admin);
    const apac = await create("apac", sales, admin);
    expect(await as(admin).listMoveTargets({ ouId: emea })).toEqual({
      ok: true,
      data: { parentId: sales, truncated: false, targets: [{ id: sales, path: ["Sales"] }, { id: apac, path: ["Sales", "apac"] }] },
    });
  });

  it("does not read another tenant's OU", async () => {
    const foreign = await create(`B ${uniqueSuffix()}`, null, b.admin);
    expect(await as(a.admin).listMoveTargets({ ouId: foreign })).toEqual({ ok: false, error: "ous.errors.notFound" });
  });
});

describe("deleteOu", () => {
  it("deletes a leaf and audits what it was", async () => {
    const root = await create(`Gone ${uniqueSuffix()}`);
    const leaf = await create("Leaf", root);
    expect(await as(a.admin).deleteOu({ ouId: leaf })).toEqual({ ok: true, data: undefined });
    expect(await row(leaf)).toBeNull();
    const entries = await auditOf(leaf);
    expect(entries.at(-1)).toMatchObject({ action: "ou.delete", actorUserId: a.admin.id, before: { name: "Leaf", parentId: root }, after: null });
  });

  it("refuses while the OU has sub-OUs", async () => {
    const root = await create(`Parent ${uniqueSuffix()}`);
    await create("Child", root);
    expect(await as(a.admin).deleteOu({ ouId: root })).toEqual({ ok: false, error: "ous.errors.hasChildren" });
    expect(await row(root)).not.toBeNull();
    expect((await auditOf(root)).map((e) => e.action)).toEqual(["ou.create"]);
  });

  // Stand-ins for issue 4's channels table. PostgreSQL answers an ON DELETE RESTRICT reference with
  // restrict_violation (23001) and a NO ACTION one with foreign_key_violation (23503): both mean "in use".
  it.each(["on delete restrict", "on delete no action"])(
    "refuses while a row references the OU (%s), then deletes once it is free",
    async (rule) => {
      const table = `throwaway_ou_users_${uniqueSuffix()}`;
      await t.pool.query(`create table ${table} (id serial primary key, ou_id uuid not null references ous(id) ${rule})`);
      const id = await create(`Used ${uniqueSuffix()}`);
      await t.pool.query(`insert into ${table} (ou_id) values ($1)`, [id]);
      expect(await as(a.admin).deleteOu({ ouId: id })).toEqual({ ok: false, error: "ous.errors.inUse" });
      expect(await row(id)).not.toBeNull();
      expect((await auditOf(id)).map((e) => e.action)).toEqual(["ou.create"]);
      await t.pool.query(`delete from ${table} where ou_id = $1`, [id]);
      expect(await as(a.admin).deleteOu({ ouId: id })).toEqual({ ok: true, data: undefined });
    },
  );

  it("cannot delete another tenant's OU, and says so like for a missing one", async () => {
    const foreign = await create(`B ${uniqueSuffix()}`, null, b.admin);
    expect(await as(a.admin).deleteOu({ ouId: foreign })).toEqual({ ok: false, error: "ous.errors.notFound" });
    expect(await as(a.admin).deleteOu({ ouId: MISSING_ID })).toEqual({ ok: false, error: "ous.errors.notFound" });
    expect(await as(a.admin).deleteOu({ ouId: "' or 1=1" })).toMatchObject({ ok: false, fieldErrors: { ouId: ["invalidId"] } });
    expect(await getOu(t.db, { tenantId: b.tenant.id }, foreign)).not.toBeNull();
  });
});
