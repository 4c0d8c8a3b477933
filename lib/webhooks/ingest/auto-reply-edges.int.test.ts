import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertNonWorkingDay, upsertServiceTimeSettings } from "@/db/queries/service-time";
import { channels, outboundMessages } from "@/db/schema";
import type { WorkTime } from "@/lib/validations/work-time";
import { ensureChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { createTestIngestor, createWebhookChannel, providerRequest, targetOf, type WebIngestor, type WebhookTestChannel } from "@/testing/db/webhook-fixtures";
import { metaInbound } from "@/testing/fixtures/webhooks/inbound";

/*
 * The edge cases of issue 16 through the real webhook path, on an ingestor whose clock the test
 * sets: each message is written and delivered at that instant (Meta's timestamp is in seconds, so
 * a boundary is hit exactly). Each case has a tenant of its own: the calendar is per tenant.
 */

let t: TestDatabase;
let clock = new Date();
let ingestor: WebIngestor;

beforeAll(async () => {
  t = await createTestDatabase();
  ingestor = createTestIngestor(t.db, t.pool, {}, () => clock);
});
afterAll(() => t.close());

const seg = (start: string, end: string) => ({ start, end });
const NOTICE = "We are closed; we will answer when we open.";

async function channelIn(timeZone: string, workTime: WorkTime): Promise<WebhookTestChannel & { tenantId: string }> {
  const { admin } = await createTestTenant(t.db);
  const tenantId = admin.tenantId!;
  if (timeZone !== "UTC") await upsertServiceTimeSettings(t.db, { tenantId }, { timeZone });
  const prerequisites = await ensureChannelPrerequisites(t.db, tenantId, { actorUserId: admin.id });
  const channel = await createWebhookChannel(t.db, admin, "cloud-api", { prerequisites, basic: { workTime, nonWorkingNotice: NOTICE } });
  return { ...channel, tenantId };
}

/** A message from `from` written and delivered at `at`. */
async function writeAt(channel: WebhookTestChannel, at: string, from = "4915112345678"): Promise<void> {
  clock = new Date(at);
  const [row] = await t.db.select({ settings: channels.settings }).from(channels).where(eq(channels.id, channel.id));
  const body = metaInbound((row!.settings as { phoneNumberId: string }).phoneNumberId, { id: `wamid.${randomUUID()}`, from, text: "Hello?", at: clock });
  const response = await ingestor.post(await providerRequest(channel, "webhook", body), targetOf(channel, "webhook"));
  expect(response.status).toBe(200);
}

async function replyKeys(channel: WebhookTestChannel): Promise<string[]> {
  const rows = await t.db
    .select({ key: outboundMessages.dedupeKey })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.channelId, channel.id), eq(outboundMessages.kind, "auto-reply")))
    .orderBy(outboundMessages.createdAt);
  return rows.map((row) => row.key!);
}

/** A date a few days from the real today: the webhook path loads the non-working days near today only. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const officeHours = { workday: [seg("09:00", "17:00")], nonWorkday: [seg("10:00", "12:00")] };

describe("automatic replies at the edges", () => {
  it("a message at exactly the closing time is answered; one at exactly the opening time is not", async () => {
    const channel = await channelIn("UTC", officeHours);
    await writeAt(channel, "2026-07-01T09:00:00Z");
    await writeAt(channel, "2026-07-01T16:59:59Z");
    expect(await replyKeys(channel)).toEqual([]);
    await writeAt(channel, "2026-07-01T17:00:00Z");
    await writeAt(channel, "2026-07-02T08:59:59Z");
    expect(await replyKeys(channel)).toEqual(["auto-reply:4915112345678:closed-since:2026-07-01T17:00:00.000Z"]);
  });

  it("one closed period across the night the clocks go forward, and none once it opens at 09:00 summer time", async () => {
    const channel = await channelIn("Europe/Berlin", { workday: [seg("09:00", "17:00")], nonWorkday: [seg("09:00", "17:00")] });
    await writeAt(channel, "2026-03-28T20:00:00Z");
    await writeAt(channel, "2026-03-29T01:30:00Z"); // 03:30 CEST, just after the skipped hour
    await writeAt(channel, "2026-03-29T06:59:00Z"); // 08:59 CEST
    await writeAt(channel, "2026-03-29T07:00:00Z"); // 09:00 CEST: open
    expect(await replyKeys(channel)).toEqual(["auto-reply:4915112345678:closed-since:2026-03-28T16:00:00.000Z"]);
  });

  it("a segment ending at 24:00 runs into the next day's 00:00 one: closed only from 02:00", async () => {
    const channel = await channelIn("UTC", { workday: [seg("00:00", "02:00"), seg("18:00", "24:00")], nonWorkday: [seg("10:00", "12:00")] });
    await writeAt(channel, "2026-07-01T23:59:59Z");
    await writeAt(channel, "2026-07-02T00:00:00Z");
    await writeAt(channel, "2026-07-02T01:59:59Z");
    expect(await replyKeys(channel)).toEqual([]);
    await writeAt(channel, "2026-07-02T02:00:00Z");
    expect(await replyKeys(channel)).toEqual(["auto-reply:4915112345678:closed-since:2026-07-02T02:00:00.000Z"]);
  });

  it("a non-working range uses the non-workday hours; one reply per closed period inside it", async () => {
    const channel = await channelIn("UTC", officeHours);
    await insertNonWorkingDay(t.db, { tenantId: channel.tenantId }, { startDate: day(1), endDate: day(2), label: "Holidays" });
    await writeAt(channel, `${day(1)}T11:00:00Z`); // non-workday hours: open
    expect(await replyKeys(channel)).toEqual([]);
    await writeAt(channel, `${day(1)}T13:00:00Z`);
    await writeAt(channel, `${day(2)}T09:30:00Z`); // a workday's hours, but the day is in the range: still closed
    await writeAt(channel, `${day(2)}T12:30:00Z`);
    expect(await replyKeys(channel)).toEqual([
      `auto-reply:4915112345678:closed-since:${day(1)}T12:00:00.000Z`,
      `auto-reply:4915112345678:closed-since:${day(2)}T12:00:00.000Z`,
    ]);
  });

  it("a channel with no non-workday hours is closed all day on a non-working day", async () => {
    const channel = await channelIn("UTC", officeHours);
    // The form asks for 1–4 segments; older rows and imports may have none.
    await t.db.update(channels).set({ workTime: { workday: officeHours.workday, nonWorkday: [] } }).where(eq(channels.id, channel.id));
    await insertNonWorkingDay(t.db, { tenantId: channel.tenantId }, { startDate: day(1), endDate: day(1), label: "Labour Day" });
    await writeAt(channel, `${day(1)}T11:00:00Z`);
    await writeAt(channel, `${day(1)}T15:00:00Z`);
    await writeAt(channel, `${day(2)}T10:00:00Z`); // open again
    expect(await replyKeys(channel)).toEqual([`auto-reply:4915112345678:closed-since:${day(0)}T17:00:00.000Z`]);
  });

  it("a tenant time-zone change takes effect on the next message, even with the channel cached", async () => {
    const channel = await channelIn("UTC", officeHours);
    await writeAt(channel, "2026-07-01T16:30:00Z"); // 16:30 UTC: open
    expect(await replyKeys(channel)).toEqual([]);
    await upsertServiceTimeSettings(t.db, { tenantId: channel.tenantId }, { timeZone: "Asia/Tokyo" });
    await writeAt(channel, "2026-07-01T16:31:00Z"); // 01:31 in Tokyo: closed since 17:00 JST
    expect(await replyKeys(channel)).toEqual(["auto-reply:4915112345678:closed-since:2026-07-01T08:00:00.000Z"]);
  });

  it("another tenant's calendar changes nothing for this one", async () => {
    const channel = await channelIn("UTC", officeHours);
    const other = await channelIn("UTC", officeHours);
    await insertNonWorkingDay(t.db, { tenantId: other.tenantId }, { startDate: day(1), endDate: day(1), label: "Theirs" });
    await writeAt(channel, `${day(1)}T13:00:00Z`);
    await writeAt(other, `${day(1)}T13:00:00Z`);
    expect(await replyKeys(channel)).toEqual([]);
    expect(await replyKeys(other)).toEqual([`auto-reply:4915112345678:closed-since:${day(1)}T12:00:00.000Z`]);
  });
});
