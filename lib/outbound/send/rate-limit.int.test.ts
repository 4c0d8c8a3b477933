import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openSendTestbed, type SendTestbed } from "@/testing/outbound-send/testbed";
import { startWorkerProcess, type WorkerProcess } from "@/testing/outbound-send/worker-process";
import { enqueueOutboundMessage } from "./enqueue";

/*
 * The per-channel limit holds across processes: two `npm run worker` processes, each free to send
 * ten at once, together send one channel's queue at no more than its limit.
 */

let bed: SendTestbed;
let workers: WorkerProcess[] = [];
const LIMIT = 10;
const MESSAGES = 50;

beforeAll(async () => {
  bed = await openSendTestbed();
  vi.spyOn(console, "warn").mockImplementation(() => {});
}, 60_000);
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill("SIGTERM")));
  await bed?.close();
});

describe("the per-channel rate limit", () => {
  it(`keeps two worker processes together within ${LIMIT}/s on one channel`, async () => {
    const channel = await bed.createChannel("cloud-api");
    const env = { ...bed.env, SECRETS_KEY: process.env.SECRETS_KEY!, OUTBOUND_SEND_RATE_CLOUD_API: String(LIMIT), OUTBOUND_WORKER_CONCURRENCY: "10", OUTBOUND_CONCURRENT_CALLS: "20", OUTBOUND_CALLS_PER_MINUTE: "100000" };
    workers = await Promise.all([startWorkerProcess(bed.t.url, env), startWorkerProcess(bed.t.url, env)]);
    await bed.t.db.transaction(async (tx) => {
      for (let i = 0; i < MESSAGES; i++) {
        await enqueueOutboundMessage(tx, { kind: "test", tenantId: channel.tenantId, channelId: channel.id, recipient: "+4915799912345", text: `rate ${i}` });
      }
    });
    const sends = () => bed.meta.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages"));
    await vi.waitFor(() => expect(sends()).toHaveLength(MESSAGES), { timeout: 30_000, interval: 100 });

    const times = sends().map((r) => r.at).sort((a, b) => a - b);
    // Windows are fixed seconds per channel: after the first window, each later second admits LIMIT more.
    const seconds = (times.at(-1)! - times[0]!) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(MESSAGES / LIMIT - 1 - 0.1);
    expect((MESSAGES - LIMIT) / seconds).toBeLessThanOrEqual(LIMIT * 1.05);
    // No sliding second ever holds more than two windows' worth; each fixed window at most LIMIT.
    for (const start of times) expect(times.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(2 * LIMIT);
  }, 90_000);
});
