import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getOutboundMessage, type OutboundMessage } from "@/db/queries/outbound-messages";
import { openSendTestbed, type SendTestbed, type SendTestChannel } from "@/testing/outbound-send/testbed";
import { startWorkerProcess, type WorkerProcess } from "@/testing/outbound-send/worker-process";
import { enqueueOutboundMessage } from "./enqueue";
import { INTERRUPTED_MESSAGE } from "./stale-sends";
import { startOutboundWorker } from "./worker";

/*
 * A worker killed (SIGKILL) while the provider holds its send request: the provider did take the
 * message, no answer was recorded. Then another worker's stale sweep decides. Infobip takes our
 * message id as its own, so the message is sent again and stays one message; Meta has no such key,
 * so the message is failed as interrupted and never sent twice.
 */

let bed: SendTestbed;
const RECIPIENT = "+4915799912345";
const STALE_AFTER_MS = 1_500;

beforeAll(async () => {
  bed = await openSendTestbed();
  vi.spyOn(console, "warn").mockImplementation(() => {});
}, 60_000);
afterAll(async () => {
  await bed?.close();
});

async function until(channel: SendTestChannel, id: string, done: (m: OutboundMessage) => boolean): Promise<OutboundMessage> {
  return vi.waitFor(
    async () => {
      const message = await getOutboundMessage(bed.t.db, { tenantId: channel.tenantId }, id);
      if (!message || !done(message)) throw new Error(`message is ${message?.status}`);
      return message;
    },
    { timeout: 20_000, interval: 50 },
  );
}

async function killMidSend(channel: SendTestChannel, hold: () => { arrived: Promise<void>; release(): void }) {
  const child: WorkerProcess = await startWorkerProcess(bed.t.url, { ...bed.env, SECRETS_KEY: process.env.SECRETS_KEY!, OUTBOUND_SEND_RATE_CLOUD_API: "0" });
  const held = hold();
  const { message } = await bed.t.db.transaction((tx) =>
    enqueueOutboundMessage(tx, { kind: "test", tenantId: channel.tenantId, channelId: channel.id, recipient: RECIPIENT, text: "crash test" }),
  );
  await held.arrived;
  expect((await getOutboundMessage(bed.t.db, { tenantId: channel.tenantId }, message.id))?.status).toBe("sending");
  await child.kill("SIGKILL");
  held.release();
  // Another worker comes up; its stale sweep finds the dead worker's message.
  const survivor = await startOutboundWorker({ pool: bed.t.pool, concurrency: 2, staleAfterMs: STALE_AFTER_MS });
  return { message, stop: () => survivor.stop() };
}

describe("a worker killed mid-send", () => {
  it("cloud-api (no idempotency key): the message is failed as interrupted, never sent twice", async () => {
    const channel = await bed.createChannel("cloud-api");
    const { message, stop } = await killMidSend(channel, () => bed.meta.holdNext());
    try {
      const failed = await until(channel, message.id, (m) => m.status === "failed");
      expect(failed).toMatchObject({ errorCode: "interrupted", errorMessage: INTERRUPTED_MESSAGE, attempts: 1 });
      await new Promise((resolve) => setTimeout(resolve, STALE_AFTER_MS));
      expect(bed.meta.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages"))).toHaveLength(1);
      expect(bed.meta.messages.filter((m) => m.text === "crash test")).toHaveLength(1);
    } finally {
      await stop();
    }
  }, 60_000);

  it("infobip (our id is Infobip's messageId): sent again with the same id, still one message, accepted", async () => {
    const channel = await bed.createChannel("infobip");
    const { message, stop } = await killMidSend(channel, () => bed.infobip.holdNext());
    try {
      const accepted = await until(channel, message.id, (m) => m.status === "accepted");
      expect(accepted).toMatchObject({ providerMessageId: message.id, attempts: 2 });
      const sends = bed.infobip.requests.filter((r) => r.method === "POST" && r.path.endsWith("/message/text"));
      expect(sends).toHaveLength(2);
      expect(sends.map((r) => (JSON.parse(r.body) as { messageId: string }).messageId)).toEqual([message.id, message.id]);
      expect(bed.infobip.messages.filter((m) => m.messageId === message.id)).toHaveLength(1);
    } finally {
      await stop();
    }
  }, 60_000);
});
