import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels } from "@/db/schema";
import { createTestTenant, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { ensureChannelPrerequisites, type ChannelPrerequisites } from "@/testing/seed/prerequisites";
import { variantInput } from "@/testing/seed/variants";
import { createActionClient } from "@/lib/guard/actions";
import { channelActions } from "./actions";

/* Issue 17, bug 6: a token expiry date in the past is refused on the server too, except the stored one. */

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let prereq: ChannelPrerequisites;

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTestTenant(t.db);
  prereq = await ensureChannelPrerequisites(t.db, a.tenant.id);
});
afterAll(() => t.close());

const save = (envelope: unknown) => channelActions(createActionClient({ getUser: async () => a.admin, getDb: () => t.db })).saveChannel(envelope);
const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

function cloudApi(tokenValidity: string, extra: Record<string, unknown> = {}) {
  const envelope = variantInput("cloud-api", prereq, { name: `cloud_${uniqueSuffix()}` });
  return { ...envelope, information: { ...(envelope.information as Record<string, unknown>), tokenValidity, ...extra } };
}

describe("token expiry date", () => {
  it("refuses a new channel whose token expired yesterday, storing nothing", async () => {
    const envelope = cloudApi(utcDay(-1));
    expect(await save(envelope)).toMatchObject({ ok: false, fieldErrors: { "information.tokenValidity": ["channels.validation.tokenValidityPast"] } });
    expect(await save(cloudApi(utcDay(0)))).toMatchObject({ ok: true });
  });

  it("keeps an existing channel editable once its stored date has passed, but refuses a changed past date", async () => {
    const envelope = cloudApi(utcDay(30));
    const created = await save(envelope);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const { id } = created.data;
    // Time passes: the stored date is now behind us.
    const lapsed = utcDay(-10);
    await t.db
      .update(channels)
      .set({ settings: sql`jsonb_set(${channels.settings}, '{tokenValidity}', to_jsonb(${lapsed}::text))` })
      .where(eq(channels.id, id));
    const kept = { appSecret: "", accessToken: "" };

    const unchanged = await save({ ...cloudApi(lapsed, kept), basic: envelope.basic, channelId: id, version: 1 });
    expect(unchanged).toMatchObject({ ok: true, data: { id, version: 2 } });

    const changed = await save({ ...cloudApi(utcDay(-3), kept), basic: envelope.basic, channelId: id, version: 2 });
    expect(changed).toMatchObject({ ok: false, fieldErrors: { "information.tokenValidity": ["channels.validation.tokenValidityPast"] } });
  });
});
