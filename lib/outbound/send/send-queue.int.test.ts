import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getActivityCounts } from "@/db/queries/channel-activity";
import { getOutboundMessage, listOutboundMessages, type OutboundMessage } from "@/db/queries/outbound-messages";
import { COLD_RECIPIENT, openSendTestbed, type SendTestbed, type SendTestChannel } from "@/testing/outbound-send/testbed";
import { enqueueOutboundMessage } from "./enqueue";
import { startOutboundWorker, type OutboundWorker } from "./worker";

/*
 * The send queue end to end, over real HTTPS to each provider's fake and real PostgreSQL: a job
 * written with its row, a worker that sends, the provider's id stored, and the provider's signed
 * status reports (posted by the fake to the console's webhook ingestor) followed to the message.
 */

let bed: SendTestbed;
let worker: OutboundWorker;
const RECIPIENT = "+4915799912345";
const NO_LIMITS = { "cloud-api": 0, twilio: 0, telegram: 0, infobip: 0, bsp: 0 };

beforeAll(async () => {
  bed = await openSendTestbed();
  vi.spyOn(console, "warn").mockImplementation(() => {});
  worker = await startOutboundWorker({ pool: bed.t.pool, concurrency: 4, rates: NO_LIMITS, maxAttempts: 5, staleAfterMs: 600_000 });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await bed?.close();
});

async function enqueue(channel: SendTestChannel, recipient = RECIPIENT, extra: { templateName?: string; dedupeKey?: string } = {}) {
  return bed.t.db.transaction((tx) =>
    enqueueOutboundMessage(tx, { kind: "test", tenantId: channel.tenantId, channelId: channel.id, recipient, text: "Hello from the console", ...extra }),
  );
}

async function until(channel: SendTestChannel, id: string, done: (m: OutboundMessage) => boolean, timeout = 15_000): Promise<OutboundMessage> {
  return vi.waitFor(
    async () => {
      const message = await getOutboundMessage(bed.t.db, { tenantId: channel.tenantId }, id);
      if (!message || !done(message)) throw new Error(`message is ${message?.status} (${message?.errorCode ?? "no error"})`);
      return message;
    },
    { timeout, interval: 50 },
  );
}

async function deliveryOf(channel: SendTestChannel, id: string) {
  const list = await listOutboundMessages(bed.t.db, { tenantId: channel.tenantId }, channel.id, 10);
  return list.find((m) => m.id === id);
}

async function jobsOf(messageId: string) {
  const result = await bed.t.pool.query<{ run_at: Date; attempts: number }>(
    `select j.run_at, j.attempts from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'outbound-send' and j.payload->>'messageId' = $1 order by j.created_at`,
    [messageId],
  );
  return result.rows;
}

const posts = (requests: { method: string; path: string }[], path: RegExp) => requests.filter((r) => r.method === "POST" && path.test(r.path)).length;

type Loop = { variant: "cloud-api" | "twilio" | "infobip" | "other-basic"; report(channel: SendTestChannel, providerId: string, status: "delivered" | "read"): Promise<number> };
const loops: Loop[] = [
  { variant: "cloud-api", report: (c, id, s) => bed.meta.postStatus(c.localUrls.webhook!, id, s, c.secrets.appSecret) },
  { variant: "twilio", report: (c, id, s) => bed.twilio.postStatus(c.localUrls.status!, id, s) },
  { variant: "infobip", report: (c, id, s) => bed.infobip.postDeliveryReport(c.localUrls[s === "read" ? "report" : "report"]!, id, s, { accountKey: c.secrets.webhookPassword }) },
  { variant: "other-basic", report: (c, id, s) => bed.infobip.postDeliveryReport(c.localUrls.report!, id, s, { accountKey: c.secrets.webhookPassword }) },
];

describe.each(loops)("$variant: a test send", ({ variant, report }) => {
  it("is accepted with the provider's id, then follows the provider's delivered and read reports", async () => {
    const channel = await bed.createChannel(variant);
    const { message } = await enqueue(channel);
    expect(await jobsOf(message.id)).toHaveLength(1);
    const accepted = await until(channel, message.id, (m) => m.status === "accepted");
    expect(accepted.providerMessageId).toBeTruthy();
    expect(accepted.attempts).toBe(1);

    expect(await report(channel, accepted.providerMessageId!, "delivered")).toBe(200);
    expect(await deliveryOf(channel, message.id)).toMatchObject({ status: "accepted", deliveryStatus: "delivered" });
    expect(await report(channel, accepted.providerMessageId!, "read")).toBe(200);
    expect(await deliveryOf(channel, message.id)).toMatchObject({ deliveryStatus: "read" });

    // The channel activity's "Sent" counter (outbound_message_states) counts it.
    const day = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000) };
    expect((await getActivityCounts(bed.t.db, { tenantId: channel.tenantId }, channel.id, day))?.sent).toBe(1);
  });
});

describe("telegram: a test send", () => {
  it("is accepted with Telegram's message id (the Bot API reports no delivery)", async () => {
    const channel = await bed.createChannel("telegram");
    const { message } = await enqueue(channel, "4242");
    const accepted = await until(channel, message.id, (m) => m.status === "accepted");
    expect(bed.telegram.sentMessages).toContainEqual(expect.objectContaining({ chatId: "4242", messageId: Number(accepted.providerMessageId) }));
  });
});

type Fault = { variant: "cloud-api" | "twilio" | "infobip" | "other-basic" | "telegram"; path: RegExp; count(): { method: string; path: string }[]; rateLimit(seconds: number): void; permanent(): void; permanentCode: string };
const faults: Fault[] = [
  { variant: "cloud-api", path: /\/messages$/, count: () => bed.meta.requests, rateLimit: (s) => bed.meta.answerNext({ kind: "rate-limited", retryAfterSeconds: s }), permanent: () => bed.meta.answerNext({ kind: "permanent" }), permanentCode: "131030" },
  { variant: "twilio", path: /Messages\.json$/, count: () => bed.twilio.requests, rateLimit: (s) => bed.twilio.answerNext({ kind: "rate-limited", retryAfterSeconds: s }), permanent: () => bed.twilio.answerNext({ kind: "permanent" }), permanentCode: "21211" },
  { variant: "infobip", path: /message\/text$/, count: () => bed.infobip.requests, rateLimit: (s) => bed.infobip.answerNext({ kind: "rate-limited", retryAfterSeconds: s }), permanent: () => bed.infobip.answerNext({ kind: "permanent" }), permanentCode: "E400" },
  { variant: "other-basic", path: /message\/text$/, count: () => bed.infobip.requests, rateLimit: (s) => bed.infobip.answerNext({ kind: "rate-limited", retryAfterSeconds: s }), permanent: () => bed.infobip.answerNext({ kind: "permanent" }), permanentCode: "E400" },
  {
    variant: "telegram",
    path: /sendMessage$/,
    count: () => bed.telegram.calls.filter((c) => c.method === "sendMessage").map(() => ({ method: "POST", path: "/sendMessage" })),
    rateLimit: (s) => bed.telegram.queueReply("sendMessage", { status: 429, body: JSON.stringify({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${s}`, parameters: { retry_after: s } }) }),
    permanent: () => bed.telegram.queueReply("sendMessage", { status: 400, body: JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: chat not found" }) }),
    permanentCode: "400",
  },
];

describe.each(faults)("$variant: provider faults", (fault) => {
  it("429 with Retry-After: queued again with a job at exactly that delay, never sent meanwhile", async () => {
    const channel = await bed.createChannel(fault.variant);
    const before = posts(fault.count(), fault.path);
    fault.rateLimit(30);
    const { message } = await enqueue(channel, fault.variant === "telegram" ? "4242" : RECIPIENT);
    const waiting = await until(channel, message.id, (m) => m.status === "queued" && m.attempts === 1);
    expect(waiting.errorCode).toBeTruthy();
    // The first job is done and gone (graphile-worker records completions in batches, within 50 ms); this is the retry.
    let jobs = await jobsOf(message.id);
    for (let i = 0; i < 50 && jobs.length > 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      jobs = await jobsOf(message.id);
    }
    expect(jobs).toHaveLength(1);
    const delay = jobs[0]!.run_at.getTime() - waiting.updatedAt.getTime();
    expect(delay).toBeGreaterThanOrEqual(29_000);
    expect(delay).toBeLessThanOrEqual(31_000);
    expect(posts(fault.count(), fault.path) - before).toBe(1);

    // Due now: the retry sends it.
    await bed.t.pool.query("update graphile_worker._private_jobs set run_at = now() where payload->>'messageId' = $1", [message.id]);
    const accepted = await until(channel, message.id, (m) => m.status === "accepted");
    expect(accepted.attempts).toBe(2);
    expect(posts(fault.count(), fault.path) - before).toBe(2);
  });

  it("a permanent error fails at once with the provider's code, after exactly one request", async () => {
    const channel = await bed.createChannel(fault.variant);
    const before = posts(fault.count(), fault.path);
    fault.permanent();
    const { message } = await enqueue(channel, fault.variant === "telegram" ? "4242" : RECIPIENT);
    const failed = await until(channel, message.id, (m) => m.status === "failed");
    expect(failed).toMatchObject({ attempts: 1, errorCode: fault.permanentCode });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posts(fault.count(), fault.path) - before).toBe(1);
    expect(await jobsOf(message.id)).toHaveLength(0);
  });
});

describe("cloud-api: the 24-hour window", () => {
  it("fails a free-form text with Meta's 131047, and a template to the same recipient is accepted", async () => {
    const channel = await bed.createChannel("cloud-api");
    const text = await enqueue(channel, COLD_RECIPIENT);
    expect(await until(channel, text.message.id, (m) => m.status === "failed")).toMatchObject({ errorCode: "131047", attempts: 1 });
    const template = await enqueue(channel, COLD_RECIPIENT, { templateName: "hello_world" });
    await until(channel, template.message.id, (m) => m.status === "accepted");
    expect(bed.meta.messages.at(-1)).toMatchObject({ to: COLD_RECIPIENT.slice(1), text: "template:hello_world" });
  });
});

describe("enqueueOutboundMessage", () => {
  it("is idempotent on the dedupe key: one row, one job, one send", async () => {
    const channel = await bed.createChannel("cloud-api");
    const before = bed.meta.messages.length;
    const first = await enqueue(channel, RECIPIENT, { dedupeKey: "auto-reply:customer-1:period-1" });
    const second = await enqueue(channel, RECIPIENT, { dedupeKey: "auto-reply:customer-1:period-1" });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, message: { id: first.message.id } });
    await until(channel, first.message.id, (m) => m.status === "accepted");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bed.meta.messages.length - before).toBe(1);
    const rows = await bed.t.db.execute(sql`select count(*)::int as n from outbound_messages where channel_id = ${channel.id}`);
    expect(rows.rows[0]).toEqual({ n: 1 });
  });
});
