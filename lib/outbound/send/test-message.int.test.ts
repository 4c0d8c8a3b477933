import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setChannelStatus } from "@/db/queries/channels";
import { auditLog, outboundMessages } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { createTestUser } from "@/testing/db/fixtures";
import { openSendTestbed, type SendTestbed } from "@/testing/outbound-send/testbed";
import { testMessageActions } from "./actions";

/*
 * The "Send a test message" action through the guard: a row and a job for a valid recipient,
 * refusals in the catalog's words, and an audit entry without the channel's secrets.
 */

let bed: SendTestbed;
let support: CurrentUser;
const as = (user: CurrentUser) => testMessageActions(createActionClient({ getUser: async () => user, getDb: () => bed.t.db }));
const e = (key: string) => `testMessage.errors.${key}`;

beforeAll(async () => {
  bed = await openSendTestbed();
  support = await createTestUser(bed.t.db, { role: "support", tenantId: bed.admin.tenantId, tenantName: null });
  vi.spyOn(console, "warn").mockImplementation(() => {});
}, 60_000);
afterAll(async () => {
  await bed?.close();
});

describe("sendTestMessage", () => {
  it("queues the message with its job and audits it, without secrets", async () => {
    const channel = await bed.createChannel("cloud-api");
    const result = await as(bed.admin).sendTestMessage({ channelType: "whatsapp", channelId: channel.id, recipient: "+4915799912345", text: "Hi", templateName: "hello_world" });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [row] = await bed.t.db.select().from(outboundMessages).where(eq(outboundMessages.id, result.data.messageId));
    expect(row).toMatchObject({ kind: "test", status: "queued", recipient: "+4915799912345", templateName: "hello_world", createdByUserId: bed.admin.id });
    const jobs = await bed.t.pool.query("select 1 from graphile_worker._private_jobs where payload->>'messageId' = $1", [row!.id]);
    expect(jobs.rowCount).toBe(1);
    const [audit] = await bed.t.db.select().from(auditLog).where(and(eq(auditLog.action, "channel.testMessage"), eq(auditLog.targetId, channel.id)));
    expect(audit?.after).toEqual({ recipient: "+4915799912345", templateName: "hello_world", messageId: row!.id });
    for (const secret of Object.values(channel.secrets)) expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("refuses a recipient that is not E.164 on WhatsApp, or not a chat id on Telegram", async () => {
    const channel = await bed.createChannel("twilio");
    const bad = await as(bed.admin).sendTestMessage({ channelType: "whatsapp", channelId: channel.id, recipient: "015799912345", text: "Hi" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { recipient: ["testMessage.validation.recipientE164"] } });
    const telegram = await bed.createChannel("telegram");
    const phone = await as(bed.admin).sendTestMessage({ channelType: "telegram", channelId: telegram.id, recipient: "+4915799912345", text: "Hi" });
    expect(phone).toMatchObject({ ok: false, fieldErrors: { recipient: ["testMessage.validation.recipientChatId"] } });
  });

  it("refuses a template name on a provider other than Meta, a disabled channel, the wrong type, and support staff", async () => {
    const twilio = await bed.createChannel("twilio");
    expect(await as(bed.admin).sendTestMessage({ channelType: "whatsapp", channelId: twilio.id, recipient: "+4915799912345", text: "Hi", templateName: "hello_world" })).toMatchObject({
      ok: false,
      error: e("templateOnlyMeta"),
    });
    expect(await as(bed.admin).sendTestMessage({ channelType: "telegram", channelId: twilio.id, recipient: "4242", text: "Hi" })).toMatchObject({ ok: false, error: e("wrongChannelType") });
    expect(await as(support).sendTestMessage({ channelType: "whatsapp", channelId: twilio.id, recipient: "+4915799912345", text: "Hi" })).toMatchObject({ ok: false, error: "forbidden" });
    await setChannelStatus(bed.t.db, { tenantId: twilio.tenantId }, twilio.id, "disabled");
    expect(await as(bed.admin).sendTestMessage({ channelType: "whatsapp", channelId: twilio.id, recipient: "+4915799912345", text: "Hi" })).toMatchObject({ ok: false, error: e("channelDisabled") });
    expect(await bed.t.db.select().from(outboundMessages).where(eq(outboundMessages.channelId, twilio.id))).toHaveLength(0);
  });
});
