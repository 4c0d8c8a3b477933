import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getOutboundMessage } from "@/db/queries/outbound-messages";
import { createRouteClient } from "@/lib/guard/routes";
import { enqueueOutboundMessage } from "@/lib/outbound/send/enqueue";
import { startOutboundWorker, type OutboundWorker } from "@/lib/outbound/send/worker";
import { useProcessIngestor } from "@/testing/db/webhook-server";
import { rawRequest, startFetchServer } from "@/testing/fetch-server";
import { openSendTestbed, type SendTestbed } from "@/testing/outbound-send/testbed";
import { answerMetrics } from "./routes";

/*
 * GET /api/metrics over real HTTP on loopback: the token rules, then the metrics an operator
 * alerts on, present after real webhook calls (a signed status report, a forged one) and a real
 * send through the queue to the fake Meta.
 */

const TOKEN = "metrics-token-for-the-test-0123456789";
let bed: SendTestbed;
let worker: OutboundWorker;
let origin: string;
let closeServer: () => Promise<void>;
let restoreEnv: () => Promise<void>;

beforeAll(async () => {
  bed = await openSendTestbed();
  restoreEnv = useProcessIngestor(bed.t);
  worker = await startOutboundWorker({ pool: bed.t.pool, concurrency: 2, rates: { "cloud-api": 0, twilio: 0, telegram: 0, infobip: 0, bsp: 0 }, maxAttempts: 3, staleAfterMs: 600_000 });
  const route = createRouteClient({ getUser: async () => null, getDb: () => bed.t.db });
  ({ origin, close: closeServer } = await startFetchServer(route.public(answerMetrics)));
}, 60_000);

afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  await closeServer?.();
  await worker?.stop();
  await restoreEnv?.();
  await bed?.close();
});

const scrape = (authorization?: string) => rawRequest(`${origin}/api/metrics`, { headers: authorization ? { authorization } : {} });

/** The value of one sample, `name{label="v",…}`, labels in any order; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe("GET /api/metrics", () => {
  it("does not exist without METRICS_TOKEN", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("answers 401 without the token or with another", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}x`)).status).toBe(401);
    expect((await scrape(`Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`)).status).toBe(401);
    expect(none.body).not.toContain("console_");
  });

  it("counts real webhook calls, a send, the queue and the pools", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const channel = await bed.createChannel("cloud-api");
    const { message } = await bed.t.db.transaction((tx) =>
      enqueueOutboundMessage(tx, { kind: "test", tenantId: channel.tenantId, channelId: channel.id, recipient: "+4915799912345", text: "Hello" }),
    );
    const accepted = await vi.waitFor(
      async () => {
        const row = await getOutboundMessage(bed.t.db, { tenantId: channel.tenantId }, message.id);
        if (row?.status !== "accepted") throw new Error(`message is ${row?.status}`);
        return row;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(await bed.meta.postStatus(channel.localUrls.webhook!, accepted.providerMessageId!, "delivered", channel.secrets.appSecret)).toBe(200);
    const forged = await rawRequest(channel.localUrls.webhook!, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
      body: "{}",
    });
    expect(forged.status).toBe(403);

    const answer = await scrape(`Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = answer.body;
    expect(sample(text, "console_webhook_calls_total", { provider: "whatsapp-cloud", outcome: "accepted" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "console_webhook_calls_total", { provider: "whatsapp-cloud", outcome: "unauthorized" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "console_webhook_duration_seconds_count", { provider: "whatsapp-cloud", outcome: "accepted" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "console_webhook_batch_size_count")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "console_outbound_sends_total", { provider: "cloud-api", outcome: "accepted" })).toBe(1);
    expect(sample(text, "console_job_duration_seconds_count", { task: "outbound-send", outcome: "success" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "console_db_pool_connections", { pool: "outbound", state: "total" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "console_db_pool_connections", { pool: "web", state: "waiting" })).toBe(0);
    expect(sample(text, "console_queue_jobs", { task: "outbound-send", state: "waiting" })).toBe(0);
    expect(text).toContain("# TYPE console_sign_in_failures_total counter");
    expect(text).toContain("# TYPE console_export_duration_seconds histogram");
    // The metrics say what happened, never to whom: no secret, no recipient.
    for (const secret of Object.values(channel.secrets)) if (secret) expect(text).not.toContain(secret);
    expect(text).not.toContain("4915799912345");
  });
});
