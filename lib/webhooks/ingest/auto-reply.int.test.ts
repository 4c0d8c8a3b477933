import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listOutboundMessages, type OutboundMessageListItem } from "@/db/queries/outbound-messages";
import { insertNonWorkingDay } from "@/db/queries/service-time";
import { channels, outboundMessages, webhookEvents } from "@/db/schema";
import { startOutboundWorker, type OutboundWorker } from "@/lib/outbound/send/worker";
import { ALWAYS_OPEN, providerRequest } from "@/testing/db/webhook-fixtures";
import { metaInbound, telegramInbound, twilioInbound } from "@/testing/fixtures/webhooks/inbound";
import { openSendTestbed, type SendTestbed, type SendTestChannel } from "@/testing/outbound-send/testbed";

/*
 * Issue 16 end to end: signed customer messages posted over HTTP to the console's webhook URLs,
 * the automatic reply queued with the stored message, sent by the outbound worker to the provider's
 * fake over HTTPS, and followed through the provider's delivered and read reports. The tenant is
 * in UTC; "closed now" is an hour-long segment starting two hours from now.
 */

let bed: SendTestbed;
let worker: OutboundWorker;
const NOTICE = "Our agents are resting. We answer from 09:00.";
const NO_LIMITS = { "cloud-api": 0, twilio: 0, telegram: 0, infobip: 0, bsp: 0 };

beforeAll(async () => {
  bed = await openSendTestbed();
  vi.spyOn(console, "warn").mockImplementation(() => {});
  worker = await startOutboundWorker({ pool: bed.t.pool, concurrency: 4, rates: NO_LIMITS, maxAttempts: 3, staleAfterMs: 600_000 });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await bed?.close();
});

const hh = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
/** One hour that starts two hours from now (UTC): now is outside it, for at least the next hour. */
function closedNow() {
  const start = (new Date().getUTCHours() + 2) % 24;
  const segment = { start: hh(start), end: start === 23 ? "24:00" : hh(start + 1) };
  return { workday: [segment], nonWorkday: [segment] };
}

async function closedChannel(variant: "cloud-api" | "twilio" | "telegram", basic: Record<string, unknown> = {}) {
  return bed.createChannel(variant, { basic: { workTime: closedNow(), nonWorkingNotice: NOTICE, ...basic } });
}

async function post(channel: SendTestChannel, endpoint: string, body: string): Promise<number> {
  const request = await providerRequest({ ...channel, urls: channel.localUrls }, endpoint, body);
  const response = await fetch(request);
  await response.arrayBuffer();
  return response.status;
}

async function phoneNumberIdOf(channel: SendTestChannel): Promise<string> {
  const [row] = await bed.t.db.select({ settings: channels.settings }).from(channels).where(eq(channels.id, channel.id));
  return (row!.settings as { phoneNumberId: string }).phoneNumberId;
}

const customer = () => `4915${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
const wamid = () => `wamid.${randomUUID()}`;

async function postMeta(channel: SendTestChannel, from: string, options: { id?: string; at?: Date } = {}): Promise<number> {
  return post(channel, "webhook", metaInbound(await phoneNumberIdOf(channel), { id: options.id ?? wamid(), from, text: "Hello?", at: options.at ?? new Date() }));
}

const replies = (channel: SendTestChannel) =>
  bed.t.db.select().from(outboundMessages).where(and(eq(outboundMessages.channelId, channel.id), eq(outboundMessages.kind, "auto-reply")));

async function jobsFor(messageIds: string[]): Promise<number> {
  const { rows } = await bed.t.pool.query<{ n: number }>("select count(*)::int as n from graphile_worker._private_jobs where payload->>'messageId' = any($1)", [messageIds]);
  return rows[0]!.n;
}

async function untilListed(channel: SendTestChannel, done: (m: OutboundMessageListItem) => boolean): Promise<OutboundMessageListItem> {
  return vi.waitFor(
    async () => {
      const [message] = (await listOutboundMessages(bed.t.db, { tenantId: channel.tenantId }, channel.id, 10)).filter((m) => m.kind === "auto-reply");
      if (!message || !done(message)) throw new Error(`reply is ${message?.status}/${message?.deliveryStatus} (${message?.errorCode ?? "no error"})`);
      return message;
    },
    { timeout: 15_000, interval: 50 },
  );
}

describe("a customer who writes outside work time", () => {
  it("gets the notice once, sent through the provider, delivered then read", async () => {
    const channel = await closedChannel("cloud-api");
    const from = customer();
    expect(await postMeta(channel, from)).toBe(200);

    const [reply] = await replies(channel);
    expect(reply).toMatchObject({ kind: "auto-reply", recipient: from, text: NOTICE, tenantId: channel.tenantId });
    expect(reply!.dedupeKey).toMatch(new RegExp(`^auto-reply:${from}:closed-since:`));
    const accepted = await untilListed(channel, (m) => m.status === "accepted");
    expect(bed.meta.messages).toContainEqual(expect.objectContaining({ messageId: accepted.providerMessageId, to: from, text: NOTICE }));

    expect(await bed.meta.postStatus(channel.localUrls.webhook!, accepted.providerMessageId!, "delivered", channel.secrets.appSecret)).toBe(200);
    await untilListed(channel, (m) => m.deliveryStatus === "delivered");
    expect(await bed.meta.postStatus(channel.localUrls.webhook!, accepted.providerMessageId!, "read", channel.secrets.appSecret)).toBe(200);
    await untilListed(channel, (m) => m.deliveryStatus === "read");
  });

  it("five messages in the same closed period, in turn and at once, get one reply; another customer gets their own", async () => {
    const channel = await closedChannel("cloud-api");
    const from = customer();
    for (let i = 0; i < 2; i++) expect(await postMeta(channel, from)).toBe(200);
    expect(await Promise.all([0, 1, 2].map(() => postMeta(channel, from)))).toEqual([200, 200, 200]);
    expect(await bed.t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id))).toHaveLength(5);
    const other = customer();
    expect(await postMeta(channel, other)).toBe(200);

    const rows = await replies(channel);
    expect(rows.map((r) => r.recipient).sort()).toEqual([from, other].sort());
    expect(await jobsFor(rows.map((r) => r.id))).toBeLessThanOrEqual(2);
    await vi.waitFor(async () => expect((await replies(channel)).every((r) => r.status === "accepted")).toBe(true), { timeout: 15_000 });
    expect(bed.meta.messages.filter((m) => m.to === from)).toHaveLength(1);
  });

  it("parallel deliveries of one message store it once and queue one reply", async () => {
    const channel = await closedChannel("cloud-api");
    const id = wamid();
    const from = customer();
    expect(await Promise.all([0, 1, 2, 3, 4].map(() => postMeta(channel, from, { id })))).toEqual([200, 200, 200, 200, 200]);
    expect(await replies(channel)).toHaveLength(1);
  });

  it("a duplicate delivery of a message first stored during work time gets no reply, even once the channel has closed", async () => {
    const channel = await bed.createChannel("cloud-api", { basic: { workTime: ALWAYS_OPEN, nonWorkingNotice: NOTICE } });
    const id = wamid();
    const from = customer();
    expect(await postMeta(channel, from, { id })).toBe(200);
    expect(await replies(channel)).toHaveLength(0);

    // The tenant makes today a non-working day and the channel has no hours then: closed now.
    await bed.t.db.update(channels).set({ workTime: { workday: ALWAYS_OPEN.workday, nonWorkday: closedNow().nonWorkday } }).where(eq(channels.id, channel.id));
    const today = new Date().toISOString().slice(0, 10);
    await insertNonWorkingDay(bed.t.db, { tenantId: channel.tenantId }, { startDate: today, endDate: today, label: "Test closure" });
    try {
      expect(await postMeta(channel, from, { id })).toBe(200);
      expect(await replies(channel)).toHaveLength(0);
      // A new message now is answered: the cached calendar was refused as stale and read again.
      expect(await postMeta(channel, from)).toBe(200);
      expect(await replies(channel)).toHaveLength(1);
    } finally {
      await bed.t.pool.query("delete from non_working_days where tenant_id = $1", [channel.tenantId]);
    }
  });

  it("gets nothing inside work time, for a message older than the allowed age, or when the notice is empty", async () => {
    const open = await bed.createChannel("cloud-api", { basic: { workTime: ALWAYS_OPEN, nonWorkingNotice: NOTICE } });
    expect(await postMeta(open, customer())).toBe(200);
    const closed = await closedChannel("cloud-api");
    expect(await postMeta(closed, customer(), { at: new Date(Date.now() - 2 * 3_600_000) })).toBe(200);
    const silent = await closedChannel("cloud-api", { nonWorkingNotice: "" });
    expect(await postMeta(silent, customer())).toBe(200);
    for (const channel of [open, closed, silent]) {
      expect(await bed.t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id))).toHaveLength(1);
      expect(await replies(channel)).toHaveLength(0);
    }
  });

  it("gets nothing from a status report", async () => {
    const channel = await closedChannel("cloud-api");
    const body = JSON.parse(metaInbound(await phoneNumberIdOf(channel), { id: wamid(), from: customer(), text: "x", at: new Date() })) as {
      entry: { changes: { value: Record<string, unknown> }[] }[];
    };
    const value = body.entry[0]!.changes[0]!.value;
    value.statuses = [{ id: wamid(), status: "delivered", timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: customer() }];
    delete value.messages;
    expect(await post(channel, "webhook", JSON.stringify(body))).toBe(200);
    expect(await replies(channel)).toHaveLength(0);
  });

  it("on Twilio, is answered at their WhatsApp number", async () => {
    const channel = await closedChannel("twilio");
    const from = `+${customer()}`;
    expect(await post(channel, "message", twilioInbound(`AC${"0123456789abcdef".repeat(2)}`, channel.phoneNumber!, { id: `SM${randomUUID().replaceAll("-", "")}`, from, text: "Hi" }))).toBe(200);
    const accepted = await untilListed(channel, (m) => m.status === "accepted");
    expect(accepted.recipient).toBe(from);
    expect(bed.twilio.messages).toContainEqual(expect.objectContaining({ sid: accepted.providerMessageId, to: `whatsapp:${from}`, body: NOTICE }));
  });

  it("on Telegram, is answered in their chat", async () => {
    const channel = await closedChannel("telegram");
    const chatId = String(100_000 + Math.floor(Math.random() * 1e6));
    expect(await post(channel, "message", telegramInbound({ id: String(Math.floor(Math.random() * 1e9)), from: chatId, text: "Hi", at: new Date() }))).toBe(200);
    const accepted = await untilListed(channel, (m) => m.status === "accepted");
    expect(bed.telegram.sentMessages).toContainEqual(expect.objectContaining({ chatId, messageId: Number(accepted.providerMessageId) }));
  });
});
