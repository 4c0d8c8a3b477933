import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, skillQueues } from "@/db/schema";
import { createTestTenant, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { skillQueueActions } from "./actions";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;

/** The app's action definitions, run as whichever user a test chooses. */
const as = (user: CurrentUser | null) => skillQueueActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
});
afterAll(() => t.close());

async function create(name: string, description = "", who: CurrentUser = a.admin): Promise<string> {
  const result = await as(who).createSkillQueue({ name, description });
  if (!result.ok) throw new Error(`createSkillQueue failed: ${JSON.stringify(result)}`);
  return result.data.id;
}

const row = async (id: string) => (await t.db.select().from(skillQueues).where(eq(skillQueues.id, id)))[0] ?? null;
const auditOf = (id: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(auditLog.id);

describe("who may change skill queues", () => {
  it("refuses a signed-out caller and support staff, changing nothing", async () => {
    const id = await create(`Kept ${uniqueSuffix()}`, "as it was");
    expect(await as(null).createSkillQueue({ name: "x" })).toEqual({ ok: false, error: "unauthenticated" });
    const support = as(a.support);
    expect(await support.createSkillQueue({ name: `Support ${uniqueSuffix()}` })).toEqual({ ok: false, error: "forbidden" });
    expect(await support.updateSkillQueue({ skillQueueId: id, name: "Changed", description: "" })).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await support.deleteSkillQueue({ skillQueueId: id })).toEqual({ ok: false, error: "forbidden" });
    expect(await row(id)).toMatchObject({ description: "as it was" });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(["skillQueue.create"]);
  });
});

describe("createSkillQueue", () => {
  it("creates a queue in the caller's tenant, whatever the input says, and audits it", async () => {
    const name = `Billing ${uniqueSuffix()}`;
    const result = await as(a.admin).createSkillQueue({ name: ` ${name} `, description: " Invoices and refunds ", tenantId: b.tenant.id });
    expect(result.ok).toBe(true);
    const id = result.ok ? result.data.id : "";
    expect(await row(id)).toMatchObject({ tenantId: a.tenant.id, name, description: "Invoices and refunds" });
    expect(await auditOf(id)).toEqual([
      expect.objectContaining({
        tenantId: a.tenant.id,
        actorUserId: a.admin.id,
        action: "skillQueue.create",
        targetType: "skillQueue",
        before: null,
        after: { name, description: "Invoices and refunds" },
      }),
    ]);
  });

  it("allows leaving the description out", async () => {
    const result = await as(a.admin).createSkillQueue({ name: `Bare ${uniqueSuffix()}` });
    expect(await row(result.ok ? result.data.id : MISSING_ID)).toMatchObject({ description: "" });
  });

  it("explains bad input per field", async () => {
    expect(await as(a.admin).createSkillQueue({ name: " ", description: "" })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { name: ["required"] },
    });
    expect(await as(a.admin).createSkillQueue({ name: "n".repeat(65), description: "d".repeat(501) })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { name: ["skillQueues.errors.nameTooLong"], description: ["skillQueues.errors.descriptionTooLong"] },
    });
    expect(await as(a.admin).createSkillQueue({ name: 42 })).toMatchObject({ ok: false, fieldErrors: { name: ["required"] } });
    expect((await as(a.admin).createSkillQueue({ name: `${uniqueSuffix()}${"n".repeat(56)}`, description: "d".repeat(500) })).ok).toBe(true);
  });

  it("keeps names unique per tenant regardless of case", async () => {
    const name = `Sales ${uniqueSuffix()}`;
    await create(name);
    expect(await as(a.admin).createSkillQueue({ name: name.toUpperCase(), description: "" })).toEqual({
      ok: false,
      error: "skillQueues.errors.nameTaken",
      fieldErrors: { name: ["skillQueues.errors.nameTaken"] },
    });
    // Another tenant may use the same name.
    await create(name, "", b.admin);
  });
});

describe("updateSkillQueue", () => {
  it("changes name and description, audits before and after, and skips a save without changes", async () => {
    const name = `Old ${uniqueSuffix()}`;
    const id = await create(name, "old text");
    const update = { skillQueueId: id, name: `${name} renamed`, description: "new text" };
    expect(await as(a.admin).updateSkillQueue(update)).toEqual({ ok: true, data: undefined });
    expect(await as(a.admin).updateSkillQueue(update)).toEqual({ ok: true, data: undefined });
    expect(await row(id)).toMatchObject({ name: `${name} renamed`, description: "new text" });
    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual(["skillQueue.create", "skillQueue.update"]);
    expect(entries[1]).toMatchObject({
      before: { name, description: "old text" },
      after: { name: `${name} renamed`, description: "new text" },
    });
  });

  it("refuses another queue's name but allows a change of case of its own", async () => {
    const taken = `Taken ${uniqueSuffix()}`;
    await create(taken);
    const mine = `mine ${uniqueSuffix()}`;
    const id = await create(mine);
    expect(await as(a.admin).updateSkillQueue({ skillQueueId: id, name: taken.toLowerCase(), description: "" })).toMatchObject({
      ok: false,
      fieldErrors: { name: ["skillQueues.errors.nameTaken"] },
    });
    expect(await as(a.admin).updateSkillQueue({ skillQueueId: id, name: mine.toUpperCase(), description: "" })).toMatchObject({ ok: true });
  });

  it("cannot change another tenant's queue, and says so like for a missing one", async () => {
    const foreign = await create(`B ${uniqueSuffix()}`, "theirs", b.admin);
    const before = await row(foreign);
    for (const skillQueueId of [foreign, MISSING_ID]) {
      expect(await as(a.admin).updateSkillQueue({ skillQueueId, name: "Taken over", description: "" })).toEqual({
        ok: false,
        error: "skillQueues.errors.notFound",
      });
    }
    expect(await row(foreign)).toEqual(before);
    expect(await as(a.admin).updateSkillQueue({ skillQueueId: "x", name: "y" })).toMatchObject({
      ok: false,
      fieldErrors: { skillQueueId: ["invalidId"] },
    });
  });
});

describe("deleteSkillQueue", () => {
  it("deletes and audits what it was", async () => {
    const name = `Gone ${uniqueSuffix()}`;
    const id = await create(name, "bye");
    expect(await as(a.admin).deleteSkillQueue({ skillQueueId: id })).toEqual({ ok: true, data: undefined });
    expect(await row(id)).toBeNull();
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: "skillQueue.delete",
      actorUserId: a.admin.id,
      before: { name, description: "bye" },
      after: null,
    });
  });

  // Stand-ins for issue 4's channels (queue and transfer-target references).
  it.each(["on delete restrict", "on delete no action"])(
    "refuses while a row references the queue (%s), then deletes once it is free",
    async (rule) => {
      const table = `throwaway_queue_users_${uniqueSuffix()}`;
      await t.pool.query(`create table ${table} (id serial primary key, skill_queue_id uuid not null references skill_queues(id) ${rule})`);
      const id = await create(`Used ${uniqueSuffix()}`);
      await t.pool.query(`insert into ${table} (skill_queue_id) values ($1)`, [id]);
      expect(await as(a.admin).deleteSkillQueue({ skillQueueId: id })).toEqual({ ok: false, error: "skillQueues.errors.inUse" });
      expect(await row(id)).not.toBeNull();
      expect((await auditOf(id)).map((e) => e.action)).toEqual(["skillQueue.create"]);
      await t.pool.query(`delete from ${table} where skill_queue_id = $1`, [id]);
      expect(await as(a.admin).deleteSkillQueue({ skillQueueId: id })).toEqual({ ok: true, data: undefined });
    },
  );

  it("cannot delete another tenant's queue, and says so like for a missing one", async () => {
    const foreign = await create(`B ${uniqueSuffix()}`, "", b.admin);
    for (const skillQueueId of [foreign, MISSING_ID]) {
      expect(await as(a.admin).deleteSkillQueue({ skillQueueId })).toEqual({ ok: false, error: "skillQueues.errors.notFound" });
    }
    expect(await row(foreign)).not.toBeNull();
    expect(await as(a.admin).deleteSkillQueue({ skillQueueId: "1; drop table skill_queues" })).toMatchObject({
      ok: false,
      fieldErrors: { skillQueueId: ["invalidId"] },
    });
  });
});
